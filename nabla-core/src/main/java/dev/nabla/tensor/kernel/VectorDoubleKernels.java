package dev.nabla.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementations of {@link DoubleKernels}'s contiguous double loops (main loop over whole vectors,
 * scalar tail). Only load this class when module {@code jdk.incubator.vector} is present; normal callers go
 * through {@link DoubleKernels}, tests call it directly.
 */
public final class VectorDoubleKernels {
    private VectorDoubleKernels() {}

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** The exact class of {@link #S}'s vectors, for receivers C2 would otherwise type by profile ({@link ExactVectors}). */
    static final Class<? extends DoubleVector> EXACT = ExactVectors.classOf(S);

    /** {@code out = a + b}. */
    public static void add(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector va = EXACT.cast(DoubleVector.fromArray(S, a, ao + i));
            EXACT.cast(va.add(DoubleVector.fromArray(S, b, bo + i))).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    /** {@code out = a - b}. */
    public static void sub(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector va = EXACT.cast(DoubleVector.fromArray(S, a, ao + i));
            EXACT.cast(va.sub(DoubleVector.fromArray(S, b, bo + i))).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i];
    }

    /** {@code out = a * b}. */
    public static void mul(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector va = EXACT.cast(DoubleVector.fromArray(S, a, ao + i));
            EXACT.cast(va.mul(DoubleVector.fromArray(S, b, bo + i))).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i];
    }

    /** {@code out = a / b}. */
    public static void div(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector va = EXACT.cast(DoubleVector.fromArray(S, a, ao + i));
            EXACT.cast(va.div(DoubleVector.fromArray(S, b, bo + i))).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = a[ao + i] / b[bo + i];
    }

    /** {@code out[i*n + j] = a[i*n + j] + bias[j]} for an m × n row-major block. */
    public static void addRowBroadcast(double[] a, int ao, double[] bias, int bo, double[] out, int oo, int m, int n) {
        for (int r = 0; r < m; r++) add(a, ao + r * n, bias, bo, out, oo + r * n, n);
    }

    /** {@code out = alpha * a}. */
    public static void scale(double[] a, int ao, double alpha, double[] out, int oo, int n) {
        DoubleVector al = DoubleVector.broadcast(S, alpha);
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector va = EXACT.cast(DoubleVector.fromArray(S, a, ao + i));
            EXACT.cast(va.mul(al)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = alpha * a[ao + i];
    }

    /** {@code y += alpha * x} (as {@code fma(alpha, x, y)}). */
    public static void axpy(double alpha, double[] x, int xo, double[] y, int yo, int n) {
        DoubleVector al = DoubleVector.broadcast(S, alpha);
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector va = EXACT.cast(DoubleVector.fromArray(S, x, xo + i));
            EXACT.cast(va.fma(al, DoubleVector.fromArray(S, y, yo + i))).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] = Math.fma(x[xo + i], alpha, y[yo + i]);
    }

    /** {@code out = max(a, 0)} ({@code NaN} stays {@code NaN}). */
    public static void relu(double[] a, int ao, double[] out, int oo, int n) {
        DoubleVector z = EXACT.cast(DoubleVector.zero(S));
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector v = EXACT.cast(DoubleVector.fromArray(S, a, ao + i));
            EXACT.cast(v.blend(z, v.compare(VectorOperators.LT, z))).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            double v = a[ao + i];
            out[oo + i] = v < 0 ? 0 : v;
        }
    }

    /** {@code out = x > 0 ? g : 0}. */
    public static void reluBackward(double[] g, int go, double[] x, int xo, double[] out, int oo, int n) {
        DoubleVector z = EXACT.cast(DoubleVector.zero(S));
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            VectorMask<Double> pos = EXACT.cast(DoubleVector.fromArray(S, x, xo + i)).compare(VectorOperators.GT, z);
            EXACT.cast(z.blend(DoubleVector.fromArray(S, g, go + i), pos)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = x[xo + i] > 0 ? g[go + i] : 0;
    }

    /** Column sums of an m × n row-major block into {@code out[0..n)}, rows added in order 0..m-1 in double. */
    public static void sumRows(double[] a, int ao, int m, int n, double[] out, int oo) {
        int j = 0, ub = S.loopBound(n);
        for (; j < ub; j += L) {
            DoubleVector acc = EXACT.cast(DoubleVector.zero(S));
            for (int r = 0; r < m; r++) acc = EXACT.cast(acc).add(DoubleVector.fromArray(S, a, ao + r * n + j));
            EXACT.cast(acc).intoArray(out, oo + j);
        }
        for (; j < n; j++) {
            double s = 0;
            for (int r = 0; r < m; r++) s += a[ao + r * n + j];
            out[oo + j] = s;
        }
    }

    /** {@code out = exp(a)} (Vector API {@code EXP}, within about 1 ulp). */
    public static void exp(double[] a, int ao, double[] out, int oo, int n) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector va = EXACT.cast(DoubleVector.fromArray(S, a, ao + i));
            EXACT.cast(va.lanewise(VectorOperators.EXP)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = (double) Math.exp(a[ao + i]);
    }

    private static final VectorSpecies<Double> D8 = DoubleVector.SPECIES_512;
    private static final Class<? extends DoubleVector> D8_EXACT = ExactVectors.classOf(D8);

    /**
     * Sum with a fixed order (see {@link ScalarDoubleKernels#sum}: 16 interleaved lanes, then lane pairs,
     * then lanes in order, then the tail); bit-identical to the scalar version.
     */
    public static double sum(double[] a, int ao, int n) {
        DoubleVector acc0 = DoubleVector.zero(D8), acc1 = DoubleVector.zero(D8);
        int ub = n - n % 16, i = 0;
        for (; i < ub; i += 16) {
            acc0 = D8_EXACT.cast(acc0).add(DoubleVector.fromArray(D8, a, ao + i));
            acc1 = D8_EXACT.cast(acc1).add(DoubleVector.fromArray(D8, a, ao + i + 8));
        }
        double[] lanes = D8_EXACT.cast(acc0).add(acc1).toArray();
        double s = 0;
        for (int l = 0; l < 8; l++) s += lanes[l];
        for (; i < n; i++) s += a[ao + i];
        return s;
    }

}
