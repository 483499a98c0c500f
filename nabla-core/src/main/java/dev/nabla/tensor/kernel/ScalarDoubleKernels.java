package dev.nabla.tensor.kernel;

/**
 * Scalar implementations of {@link DoubleKernels}'s contiguous double loops: the fallback when the Vector API is
 * absent or disabled. Same contracts as {@link DoubleKernels}; {@code sumRows} and {@code sum} give the same bits
 * as the vector versions (same summation order).
 */
public final class ScalarDoubleKernels {
    private ScalarDoubleKernels() {}

    /** {@code out = a + b}. */
    public static void add(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    /** {@code out = a - b}. */
    public static void sub(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i];
    }

    /** {@code out = a * b}. */
    public static void mul(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i];
    }

    /** {@code out = a / b}. */
    public static void div(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] / b[bo + i];
    }

    /** {@code out[i*n + j] = a[i*n + j] + bias[j]} for an m × n row-major block. */
    public static void addRowBroadcast(double[] a, int ao, double[] bias, int bo, double[] out, int oo, int m, int n) {
        for (int r = 0; r < m; r++) add(a, ao + r * n, bias, bo, out, oo + r * n, n);
    }

    /** {@code out = alpha * a}. */
    public static void scale(double[] a, int ao, double alpha, double[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = alpha * a[ao + i];
    }

    /** {@code y += alpha * x} (as {@code fma(alpha, x, y)}). */
    public static void axpy(double alpha, double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) y[yo + i] = Math.fma(x[xo + i], alpha, y[yo + i]);
    }

    /** {@code out = max(a, 0)} ({@code NaN} stays {@code NaN}). */
    public static void relu(double[] a, int ao, double[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            double v = a[ao + i];
            out[oo + i] = v < 0 ? 0 : v;
        }
    }

    /** {@code out = x > 0 ? g : 0}. */
    public static void reluBackward(double[] g, int go, double[] x, int xo, double[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = x[xo + i] > 0 ? g[go + i] : 0;
    }

    /** Column sums of an m × n row-major block into {@code out[0..n)}, rows added in order 0..m-1 in double. */
    public static void sumRows(double[] a, int ao, int m, int n, double[] out, int oo) {
        for (int j = 0; j < n; j++) out[oo + j] = 0;
        for (int r = 0; r < m; r++) {
            int ro = ao + r * n;
            for (int j = 0; j < n; j++) out[oo + j] += a[ro + j];
        }
    }

    /** {@code out = exp(a)}. */
    public static void exp(double[] a, int ao, double[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = (double) Math.exp(a[ao + i]);
    }

    /**
     * Sum of {@code a[ao .. ao+n)} in float64: element {@code i} goes to lane {@code i mod 16} for the first
     * {@code n - n % 16} elements, lanes {@code l} and {@code l+8} are added, then lanes 0..7 in order, then
     * the tail elements in order.
     */
    public static double sum(double[] a, int ao, int n) {
        double[] acc = new double[16];
        int ub = n - n % 16, i = 0;
        for (; i < ub; i += 16) {
            for (int l = 0; l < 16; l++) acc[l] += a[ao + i + l];
        }
        double s = 0;
        for (int l = 0; l < 8; l++) s += acc[l] + acc[l + 8];
        for (; i < n; i++) s += a[ao + i];
        return s;
    }

    /** {@code out = exp(a)} by {@link #expReproducible(double)}. */
    public static void expReproducible(double[] a, int ao, double[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = expReproducible(a[ao + i]);
    }

    /**
     * e^x within about 1 ulp, from IEEE additions, multiplications and fused multiply-adds only ({@link ExpPoly}), so
     * that it gives the same bits on every JIT tier, with or without the Vector API (whose {@code EXP} does not).
     */
    public static double expReproducible(double x) {
        x = Math.min(Math.max(x, ExpPoly.LO), ExpPoly.HI);
        double shifted = x * ExpPoly.LOG2E + ExpPoly.SHIFTER;
        double kf = shifted - ExpPoly.SHIFTER;
        double r = Math.fma(-kf, ExpPoly.LN2_HI, x);
        r = Math.fma(-kf, ExpPoly.LN2_LO, r);
        double p = Math.fma(ExpPoly.C13, r, ExpPoly.C12);
        p = Math.fma(p, r, ExpPoly.C11);
        p = Math.fma(p, r, ExpPoly.C10);
        p = Math.fma(p, r, ExpPoly.C9);
        p = Math.fma(p, r, ExpPoly.C8);
        p = Math.fma(p, r, ExpPoly.C7);
        p = Math.fma(p, r, ExpPoly.C6);
        p = Math.fma(p, r, ExpPoly.C5);
        p = Math.fma(p, r, ExpPoly.C4);
        p = Math.fma(p, r, ExpPoly.C3);
        p = Math.fma(p, r, ExpPoly.C2);
        p = Math.fma(p, r, 1.0);
        p = Math.fma(p, r, 1.0);
        long k = Double.doubleToRawLongBits(shifted) - ExpPoly.SHIFTER_BITS;
        long k1 = k >> 1, k2 = k - k1;
        return p * Double.longBitsToDouble((k1 + 1023) << 52) * Double.longBitsToDouble((k2 + 1023) << 52);
    }
}
