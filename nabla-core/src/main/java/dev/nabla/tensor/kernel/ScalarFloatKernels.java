package dev.nabla.tensor.kernel;

/**
 * Scalar implementations of {@link FloatKernels}'s contiguous float loops: the fallback when the Vector API is
 * absent or disabled. Same contracts as {@link FloatKernels}; {@code sumRows} and {@code sum} give the same bits
 * as the vector versions (same summation order).
 */
public final class ScalarFloatKernels {
    private ScalarFloatKernels() {}

    /** {@code out = a + b}. */
    public static void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    /** {@code out = a - b}. */
    public static void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i];
    }

    /** {@code out = a * b}. */
    public static void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i];
    }

    /** {@code out = a / b}. */
    public static void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] / b[bo + i];
    }

    /** {@code out[i*n + j] = a[i*n + j] + bias[j]} for an m × n row-major block. */
    public static void addRowBroadcast(float[] a, int ao, float[] bias, int bo, float[] out, int oo, int m, int n) {
        for (int r = 0; r < m; r++) add(a, ao + r * n, bias, bo, out, oo + r * n, n);
    }

    /** In place: {@code c = c + bias[j]} (bias may be null), then {@code c < 0 ? 0 : c} when {@code relu}. */
    public static void biasRelu(float[] c, int co, float[] bias, int bo, int m, int n, boolean relu) {
        for (int r = 0; r < m; r++) {
            int ro = co + r * n;
            for (int j = 0; j < n; j++) {
                float v = bias != null ? c[ro + j] + bias[bo + j] : c[ro + j];
                c[ro + j] = relu && v < 0 ? 0 : v;
            }
        }
    }

    /** {@code out = alpha * a}. */
    public static void scale(float[] a, int ao, float alpha, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = alpha * a[ao + i];
    }

    /** {@code y += alpha * x} (as {@code fma(alpha, x, y)}). */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) y[yo + i] = Math.fma(x[xo + i], alpha, y[yo + i]);
    }

    /** {@code out = max(a, 0)} ({@code NaN} stays {@code NaN}). */
    public static void relu(float[] a, int ao, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float v = a[ao + i];
            out[oo + i] = v < 0 ? 0 : v;
        }
    }

    /** {@code out = x > 0 ? g : 0}. */
    public static void reluBackward(float[] g, int go, float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = x[xo + i] > 0 ? g[go + i] : 0;
    }

    /** {@code out[oo+i] = (src[so+i] & 0xff) · scale}. */
    public static void unsignedBytesToFloat(byte[] src, int so, float scale, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = (src[so + i] & 0xff) * scale;
    }

    /** Column sums of an m × n row-major block into {@code out[0..n)}, rows added in order 0..m-1 in float. */
    public static void sumRows(float[] a, int ao, int m, int n, float[] out, int oo) {
        for (int j = 0; j < n; j++) out[oo + j] = 0;
        for (int r = 0; r < m; r++) {
            int ro = ao + r * n;
            for (int j = 0; j < n; j++) out[oo + j] += a[ro + j];
        }
    }

    /** {@code out = exp(a)}. */
    public static void exp(float[] a, int ao, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = (float) Math.exp(a[ao + i]);
    }

    /**
     * Sum of {@code a[ao .. ao+n)} in float64: element {@code i} goes to lane {@code i mod 16} for the first
     * {@code n - n % 16} elements, lanes {@code l} and {@code l+8} are added, then lanes 0..7 in order, then
     * the tail elements in order.
     */
    public static double sum(float[] a, int ao, int n) {
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
    /** {@code b = μ·b + g; p = p − lr·b}. */
    public static void momentumStep(float[] p, int po, float[] g, int go, float[] b, int bo, float mu, float lr, int n) {
        for (int i = 0; i < n; i++) {
            float bi = mu * b[bo + i] + g[go + i];
            if (Math.abs(bi) < Float.MIN_NORMAL) bi = 0f; // subnormal: flushed (FloatKernels)
            b[bo + i] = bi;
            p[po + i] -= lr * bi;
        }
    }
    /** Adam/AdamW step; see {@link FloatKernels#adamStep}. */
    public static void adamStep(float[] p, int po, float[] g, int go, float[] m, float[] v, int so, int n,
                                float b1, float b2, float c1, float c2, float step, float inv, float eps,
                                boolean decoupled, float wd, float decay) {
        for (int i = 0; i < n; i++) {
            float theta = p[po + i];
            float gi = g[go + i];
            if (decoupled) theta = theta - decay * theta;
            else gi = gi + wd * theta;
            float mi = b1 * m[so + i] + c1 * gi;
            float vi = b2 * v[so + i] + c2 * gi * gi;
            if (Math.abs(mi) < Float.MIN_NORMAL) mi = 0f; // subnormal: flushed (FloatKernels)
            if (vi < Float.MIN_NORMAL) vi = 0f;
            m[so + i] = mi;
            v[so + i] = vi;
            p[po + i] = theta - step * mi / ((float) Math.sqrt(vi) * inv + eps);
        }
    }

    /** Whether {@code a[o..o+n)} holds no NaN or infinity: x·0 is 0 for finite x and NaN otherwise. */
    public static boolean allFinite(float[] a, int o, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) s += a[o + i] * 0f;
        return s == 0f;
    }
}
