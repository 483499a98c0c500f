package dev.nabla.train;

import dev.nabla.ShapeMismatchException;
import dev.nabla.Tensor;
import dev.nabla.tensor.Shapes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates a loss and the task's metrics over the batches of one pass, in float64 whatever the
 * tensors' dtype, so the result does not depend on the batch size or order of summation beyond
 * rounding of float64:
 * <ul>
 * <li>loss — the sample-weighted mean of the batch means: Σ bᵢ·Lᵢ / Σ bᵢ;
 * <li>classification — accuracy = share of samples whose argmax logit equals the label;
 * <li>binary — accuracy = share of samples with (output &gt; threshold) = target (threshold 0 for
 *     logits, 0.5 for probabilities);
 * <li>regression — over every target element: MAE = mean |ŷ − y|, RMSE = √mean (ŷ − y)²,
 *     R² = 1 − SS_res/SS_tot with SS_tot around the mean of the targets seen (Welford's update).
 * </ul>
 */
public final class Metrics {
    private final Task task;
    private final double threshold;
    private long samples;
    private double lossSum;
    private long correct, labelled;
    private long count;
    private double absSum, sqSum, yMean, yM2;

    /** Metrics of {@code task}; binary outputs are compared with {@code threshold}. */
    public Metrics(Task task, double threshold) {
        this.task = task;
        this.threshold = threshold;
    }

    /** Metrics of {@code task} (binary threshold 0: outputs are logits). */
    public Metrics(Task task) { this(task, 0.0); }

    public Task task() { return task; }

    /** Adds a batch's mean loss, weighted by its number of samples. */
    public void addLoss(double batchMeanLoss, int batchSize) {
        lossSum += batchMeanLoss * batchSize;
        samples += batchSize;
    }

    /** Adds a batch of model outputs and targets to the task's metrics. */
    public void add(Tensor output, Tensor target) {
        double[] o = output.toDoubleArray(), y = target.toDoubleArray();
        switch (task) {
            case CLASSIFICATION: {
                if (output.dim() != 2 || y.length != output.size(0)) {
                    throw new ShapeMismatchException("metrics: classification expects outputs (N, C) and labels (N,), got "
                            + Shapes.format(output.shape()) + " and " + Shapes.format(target.shape()));
                }
                int n = output.size(0), c = output.size(1);
                for (int i = 0; i < n; i++) {
                    int best = 0;
                    for (int j = 1; j < c; j++) if (o[i * c + j] > o[i * c + best]) best = j;
                    if (best == (int) y[i]) correct++;
                }
                labelled += n;
                break;
            }
            case BINARY: {
                if (o.length != y.length) throw mismatch(output, target);
                for (int i = 0; i < o.length; i++) if ((o[i] > threshold ? 1.0 : 0.0) == (y[i] > 0.5 ? 1.0 : 0.0)) correct++;
                labelled += o.length;
                break;
            }
            default: {
                if (o.length != y.length) throw mismatch(output, target);
                for (int i = 0; i < o.length; i++) {
                    double d = o[i] - y[i];
                    absSum += Math.abs(d);
                    sqSum += d * d;
                    count++;
                    double delta = y[i] - yMean;
                    yMean += delta / count;
                    yM2 += delta * (y[i] - yMean);
                }
            }
        }
    }

    private static ShapeMismatchException mismatch(Tensor output, Tensor target) {
        return new ShapeMismatchException("metrics: outputs " + Shapes.format(output.shape()) + " and targets "
                + Shapes.format(target.shape()) + " differ in size");
    }

    /** Number of samples whose loss was added. */
    public long samples() { return samples; }

    /** Mean loss per sample (NaN before any batch). */
    public double loss() { return samples == 0 ? Double.NaN : lossSum / samples; }

    /** Share of correctly classified samples (NaN for regression or before any batch). */
    public double accuracy() { return labelled == 0 ? Double.NaN : (double) correct / labelled; }

    /** Mean absolute error (NaN unless regression). */
    public double mae() { return count == 0 ? Double.NaN : absSum / count; }

    /** Root mean squared error (NaN unless regression). */
    public double rmse() { return count == 0 ? Double.NaN : Math.sqrt(sqSum / count); }

    /** Coefficient of determination R² (NaN unless regression; NaN when the targets are constant). */
    public double r2() { return count == 0 || yM2 == 0 ? Double.NaN : 1 - sqSum / yM2; }

    /**
     * The task's metrics (without the loss) by name with a prefix, e.g. {"val_accuracy": 0.97} or
     * {"val_mae": .., "val_rmse": .., "val_r2": ..}.
     */
    public Map<String, Double> values(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (task == Task.REGRESSION) {
            m.put(prefix + "mae", mae());
            m.put(prefix + "rmse", rmse());
            m.put(prefix + "r2", r2());
        } else {
            m.put(prefix + "accuracy", accuracy());
        }
        return m;
    }
}
