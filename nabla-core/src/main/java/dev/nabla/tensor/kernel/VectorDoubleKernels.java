package dev.nabla.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
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

    /**
     * {@code out = exp(a)} by {@link ScalarDoubleKernels#expReproducible}'s operations, lane by lane: the same bits
     * as that scalar code on every JIT tier (the Vector API's {@code EXP} is not: its Java fallback calls
     * {@link Math#exp} while C2 calls a vector library that differs by 1 ulp in ~5% of arguments).
     */
    public static void expReproducible(double[] a, int ao, double[] out, int oo, int n) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector x = EXACT.cast(DoubleVector.fromArray(S, a, ao + i));
            x = EXACT.cast(EXACT.cast(x.max(ExpPoly.LO)).min(ExpPoly.HI));
            DoubleVector shifted = EXACT.cast(EXACT.cast(x.mul(ExpPoly.LOG2E)).add(ExpPoly.SHIFTER));
            DoubleVector kf = EXACT.cast(shifted.sub(ExpPoly.SHIFTER));
            DoubleVector minusK = EXACT.cast(kf.neg());
            DoubleVector r = EXACT.cast(minusK.fma(DoubleVector.broadcast(S, ExpPoly.LN2_HI), x));
            r = EXACT.cast(minusK.fma(DoubleVector.broadcast(S, ExpPoly.LN2_LO), r));
            DoubleVector p = EXACT.cast(DoubleVector.broadcast(S, ExpPoly.C13).fma(r, DoubleVector.broadcast(S, ExpPoly.C12)));
            p = EXACT.cast(p.fma(r, DoubleVector.broadcast(S, ExpPoly.C11)));
            p = EXACT.cast(p.fma(r, DoubleVector.broadcast(S, ExpPoly.C10)));
            p = EXACT.cast(p.fma(r, DoubleVector.broadcast(S, ExpPoly.C9)));
            p = EXACT.cast(p.fma(r, DoubleVector.broadcast(S, ExpPoly.C8)));
            p = EXACT.cast(p.fma(r, DoubleVector.broadcast(S, ExpPoly.C7)));
            p = EXACT.cast(p.fma(r, DoubleVector.broadcast(S, ExpPoly.C6)));
            p = EXACT.cast(p.fma(r, DoubleVector.broadcast(S, ExpPoly.C5)));
            p = EXACT.cast(p.fma(r, DoubleVector.broadcast(S, ExpPoly.C4)));
            p = EXACT.cast(p.fma(r, DoubleVector.broadcast(S, ExpPoly.C3)));
            p = EXACT.cast(p.fma(r, DoubleVector.broadcast(S, ExpPoly.C2)));
            p = EXACT.cast(p.fma(r, DoubleVector.broadcast(S, 1.0)));
            p = EXACT.cast(p.fma(r, DoubleVector.broadcast(S, 1.0)));
            LongVector k = shifted.reinterpretAsLongs().sub(ExpPoly.SHIFTER_BITS);
            LongVector k1 = k.lanewise(VectorOperators.ASHR, 1);
            LongVector k2 = k.sub(k1);
            DoubleVector s1 = k1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector s2 = k2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            EXACT.cast(EXACT.cast(EXACT.cast(p).mul(s1)).mul(s2)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = ScalarDoubleKernels.expReproducible(a[ao + i]);
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
