package dev.nabla.data;

import dev.nabla.DType;
import dev.nabla.ShapeMismatchException;
import dev.nabla.Tensor;
import dev.nabla.tensor.Shapes;

/**
 * A per-feature affine transform {@code x' = (x - shift) * scale} learned from training data, as
 * scikit-learn's scalers. Fit on the training part only, then transform every part with the same
 * numbers. A feature is one column of (N, D) data; for (N, ...) data each position of a sample is
 * its own feature. Statistics are accumulated in float64; results keep the input's dtype.
 */
public abstract class Scaler {
    /** Per-feature shift (null before fit). */
    protected double[] shift;
    /** Per-feature multiplier (null before fit). */
    protected double[] scale;
    private int[] featureShape;

    /** Learns the statistics of {@code x} (N, features...). Returns this. */
    public final Scaler fit(Tensor x) {
        if (x.dim() == 0 || x.shape()[0] == 0) throw new IllegalArgumentException(name() + ".fit: needs at least one sample, got shape " + Shapes.format(x.shape()));
        int[] s = x.shape();
        featureShape = java.util.Arrays.copyOfRange(s, 1, s.length);
        int d = Shapes.numel(featureShape);
        fitColumns(x.toDoubleArray(), s[0], d);
        return this;
    }

    /** Learns the statistics of a dataset's features (e.g. {@code split.train()}). Returns this. */
    public final Scaler fit(Dataset train) { return fit(train.features()); }

    /** Computes {@link #shift} and {@link #scale} from row-major data of n rows × d columns. */
    protected abstract void fitColumns(double[] data, int n, int d);

    /** Display name for messages. */
    protected abstract String name();

    /** {@code (x - shift) * scale} per feature, in x's dtype. */
    public final Tensor transform(Tensor x) {
        int d = check(x);
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            int j = i % d;
            v[i] = (v[i] - shift[j]) * scale[j];
        }
        return wrap(v, x);
    }

    /** {@code x / scale + shift}: undoes {@link #transform(Tensor)}. */
    public final Tensor inverseTransform(Tensor x) {
        int d = check(x);
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            int j = i % d;
            v[i] = v[i] / scale[j] + shift[j];
        }
        return wrap(v, x);
    }

    /** A new in-memory dataset with transformed features and the same targets. */
    public final TensorDataset transform(Dataset data) {
        Batch all = data.get(Datasets.range(data.size()));
        return new TensorDataset(transform(all.x()), all.y());
    }

    /** Fits on {@code x} and transforms it. */
    public final Tensor fitTransform(Tensor x) { return fit(x).transform(x); }

    /** The per-feature shift (a copy). */
    public final double[] shift() { return requireFit().clone(); }

    /** The per-feature multiplier (a copy). */
    public final double[] scale() {
        requireFit();
        return scale.clone();
    }

    private double[] requireFit() {
        if (shift == null) throw new IllegalStateException(name() + ": call fit(...) on the training data first");
        return shift;
    }

    private int check(Tensor x) {
        requireFit();
        int[] s = x.shape();
        int[] fs = java.util.Arrays.copyOfRange(s, Math.min(1, s.length), s.length);
        if (!Shapes.same(fs, featureShape)) {
            throw new ShapeMismatchException(name() + ": fitted on samples of shape " + Shapes.format(featureShape)
                    + " but got data " + Shapes.format(s));
        }
        return Math.max(1, Shapes.numel(featureShape));
    }

    private static Tensor wrap(double[] v, Tensor like) {
        int[] s = like.shape();
        if (like.dtype() == DType.FLOAT64) return Tensor.fromArray(v, s);
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return Tensor.fromArray(f, s);
    }
}
