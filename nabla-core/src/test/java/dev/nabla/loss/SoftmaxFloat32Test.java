package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.DType;
import dev.nabla.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The float32 softmax, log-softmax and cross-entropy gradient against the textbook formulas evaluated here in
 * float64 on the same inputs: softmax(x)ⱼ = exp(xⱼ − m)/Σ exp(xₖ − m), log-softmax = (xⱼ − m) − log Σ exp(xₖ − m),
 * and ∂ mean(CE)/∂xᵢⱼ = (softmaxᵢⱼ − [j = yᵢ]) / N. Tolerance: a few float32 ulps (2e-6 relative to 1 + |value|),
 * far tighter than any error a wrong formula would make (a 0.1% error in the probabilities fails it). A float32
 * vectorized path (exp by the Vector API's EXP) was tried and reverted on 2026-12-05 because its results depended on
 * when C2 compiled it (the interpreted EXP rounds differently from the compiled one), which broke the bit-for-bit
 * reproducibility of seeded runs. The rows of the last dimension now take their exps in float64 blocks by
 * {@code DoubleKernels.expReproducible} (same bits on every tier: {@code ExpReproducibleTest}); 7, 10, 17 and 33
 * columns cover blocks that end inside a vector, and {@link #manyRowsSpanSeveralExpBlocks} several blocks.
 */
class SoftmaxFloat32Test {

    /** Rows of random logits, some huge, some −∞, one row all equal. */
    private static double[][] logits(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) x[i][j] = (float) (r.nextGaussian() * (i % 3 == 0 ? 30 : 3));
        }
        x[0][0] = 1000;                                   // overflows exp without the max shift
        if (cols > 1) x[1][1] = Double.NEGATIVE_INFINITY; // contributes exactly 0
        java.util.Arrays.fill(x[rows - 1], 2.5);          // uniform row: 1/cols each
        return x;
    }

    private static double[] refSoftmax(double[] row, boolean log) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : row) m = Math.max(m, v);
        double s = 0;
        for (double v : row) s += Math.exp(v - m);
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) out[j] = log ? (row[j] - m) - Math.log(s) : Math.exp(row[j] - m) / s;
        return out;
    }

    private static void close(double expected, double actual, String what) {
        if (Double.isInfinite(expected)) assertEquals(expected, actual, what);
        else assertEquals(expected, actual, 2e-6 * (1 + Math.abs(expected)), what);
    }

    /** Checks float32 softmax and log-softmax of {@code x} along its rows against {@link #refSoftmax}. */
    private static void checkSoftmaxRows(double[][] x) {
        int rows = x.length, cols = x[0].length;
        Tensor t = Tensor.of(DType.FLOAT64, x).to(DType.FLOAT32);
        double[] sm = t.softmax(1).toDoubleArray(), lsm = t.logSoftmax(1).toDoubleArray();
        for (int i = 0; i < rows; i++) {
            double[] ps = refSoftmax(x[i], false), ls = refSoftmax(x[i], true);
            for (int j = 0; j < cols; j++) {
                close(ps[j], sm[i * cols + j], "softmax[" + i + "][" + j + "]");
                close(ls[j], lsm[i * cols + j], "logSoftmax[" + i + "][" + j + "]");
            }
        }
    }

    /**
     * Checks float32 cross-entropy of logits {@code x} and labels {@code y} (mean over rows), and its gradient
     * {@code (softmax(x) - onehot(y)) / rows}, against {@link #refSoftmax}.
     */
    private static void checkCrossEntropy(double[][] x, float[] y) {
        int rows = x.length, cols = x[0].length;
        Tensor z = Tensor.of(DType.FLOAT64, x).to(DType.FLOAT32).requiresGrad(true);
        Tensor loss = new CrossEntropyLoss().compute(z, Tensor.fromArray(y, rows));
        loss.backward();
        double[] g = z.grad().toDoubleArray();
        double expectedLoss = 0;
        for (int i = 0; i < rows; i++) {
            double[] p = refSoftmax(x[i], false), lp = refSoftmax(x[i], true);
            expectedLoss -= lp[(int) y[i]] / rows;
            for (int j = 0; j < cols; j++) {
                double expected = (p[j] - (j == (int) y[i] ? 1 : 0)) / rows;
                close(expected, g[i * cols + j], "dL/dz[" + i + "][" + j + "]");
            }
        }
        close(expectedLoss, loss.item(), "loss");
    }

    /** Labels {@code (7·i) mod cols}, and a finite logit (0) at row 1, column 1, where a label may sit. */
    private static float[] labelsWithZeroLogit(double[][] x) {
        int rows = x.length, cols = x[0].length;
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) y[i] = (i * 7) % cols;
        x[1][1] = 0;
        return y;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 17, 33})
    void softmaxAndLogSoftmaxMatchFloat64Formulas(int cols) {
        int rows = 7;
        double[][] x = logits(rows, cols, cols);
        checkSoftmaxRows(x);
        // along dim 0 (not the last): the float64 scalar path, same formulas per column
        double[] sm0 = Tensor.of(DType.FLOAT64, x).to(DType.FLOAT32).softmax(0).toDoubleArray();
        for (int j = 0; j < cols; j++) {
            double[] col = new double[rows];
            for (int i = 0; i < rows; i++) col[i] = x[i][j];
            double[] ref = refSoftmax(col, false);
            for (int i = 0; i < rows; i++) close(ref[i], sm0[i * cols + j], "softmax(dim 0)[" + i + "][" + j + "]");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 10, 33})
    void crossEntropyGradientMatchesFloat64Formula(int cols) {
        double[][] x = logits(9, cols, 100 + cols);
        checkCrossEntropy(x, labelsWithZeroLogit(x));
    }

    /** 300 rows of 10 (three 1 024-element exp blocks per thread) and one row of 3 000 (longer than a block). */
    @ParameterizedTest
    @ValueSource(ints = {10, 3000})
    void manyRowsSpanSeveralExpBlocks(int cols) {
        double[][] x = logits(cols == 10 ? 300 : 2, cols, 7 + cols);
        checkSoftmaxRows(x);
        checkCrossEntropy(x, labelsWithZeroLogit(x));
    }
}
