package dev.nabla.tensor.kernel;

import dev.nabla.tensor.Parallel;

/**
 * Elementwise and reduction helpers on contiguous float arrays with offsets, for the tensor ops and layers.
 * Each call dispatches (like {@code Gemm}) to {@link VectorFloatKernels} when {@link VectorSupport#enabled()},
 * else to {@link ScalarFloatKernels}. Output may alias an input at the same offset. Large elementwise calls are
 * split across {@link Parallel} threads (elementwise, so results do not depend on the thread count).
 *
 * <p>Reductions: {@link #sum} accumulates in float64 with a fixed order (16 interleaved lanes, then
 * combined in a fixed order, then the tail), so it is deterministic and identical on both paths;
 * {@link #sumRows} adds the rows in order 0..m-1 in float, identical on both paths.
 */
public final class FloatKernels {
    private FloatKernels() {}

    private static final boolean VEC = VectorSupport.enabled();
    /**
     * Elements per chunk when an elementwise call splits over threads; a call splits from twice this many. 2^15: bias +
     * ReLU and the ReLU mask over a 128×800 batch (102 400 elements) run on both cores: 784-800-10 MNIST epochs 7–12
     * 3.6% faster over 7 alternated pairs of JVMs, every epoch but one (at 2^13, 4 of 4 bench-style pairs were 3.6%
     * faster; at 2^15 another set was within noise). A fork/join with hot workers costs ~0.6 µs, bias + ReLU over
     * 128×800 ~10 µs on one thread and ~6.5 on two. Smaller ops stay on the calling thread.
     */
    static final int PAR_GRAIN = 1 << 15;

    /** {@code out[oo+i] = a[ao+i] + b[bo+i]} for {@code i < n}. */
    public static void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> add1(a, ao + s, b, bo + s, out, oo + s, e - s));
        } else add1(a, ao, b, bo, out, oo, n);
    }

    private static void add1(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (VEC) VectorFloatKernels.add(a, ao, b, bo, out, oo, n); else ScalarFloatKernels.add(a, ao, b, bo, out, oo, n);
    }

    /** {@code out[oo+i] = a[ao+i] - b[bo+i]} for {@code i < n}. */
    public static void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> sub1(a, ao + s, b, bo + s, out, oo + s, e - s));
        } else sub1(a, ao, b, bo, out, oo, n);
    }

    private static void sub1(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (VEC) VectorFloatKernels.sub(a, ao, b, bo, out, oo, n); else ScalarFloatKernels.sub(a, ao, b, bo, out, oo, n);
    }

    /** {@code out[oo+i] = a[ao+i] * b[bo+i]} for {@code i < n}. */
    public static void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> mul1(a, ao + s, b, bo + s, out, oo + s, e - s));
        } else mul1(a, ao, b, bo, out, oo, n);
    }

    private static void mul1(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (VEC) VectorFloatKernels.mul(a, ao, b, bo, out, oo, n); else ScalarFloatKernels.mul(a, ao, b, bo, out, oo, n);
    }

    /** {@code out[oo+i] = a[ao+i] / b[bo+i]} for {@code i < n}. */
    public static void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> div1(a, ao + s, b, bo + s, out, oo + s, e - s));
        } else div1(a, ao, b, bo, out, oo, n);
    }

    private static void div1(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (VEC) VectorFloatKernels.div(a, ao, b, bo, out, oo, n); else ScalarFloatKernels.div(a, ao, b, bo, out, oo, n);
    }

    /** {@code out[oo + i*n + j] = a[ao + i*n + j] + bias[bo + j]} for an m × n row-major block. */
    public static void addRowBroadcast(float[] a, int ao, float[] bias, int bo, float[] out, int oo, int m, int n) {
        int grain = Math.max(1, PAR_GRAIN / Math.max(1, n));
        if ((long) m * n >= 2L * PAR_GRAIN) {
            Parallel.forRange(m, grain, (s, e) -> rowBroadcast1(a, ao + s * n, bias, bo, out, oo + s * n, e - s, n));
        } else rowBroadcast1(a, ao, bias, bo, out, oo, m, n);
    }

    private static void rowBroadcast1(float[] a, int ao, float[] bias, int bo, float[] out, int oo, int m, int n) {
        if (VEC) VectorFloatKernels.addRowBroadcast(a, ao, bias, bo, out, oo, m, n);
        else ScalarFloatKernels.addRowBroadcast(a, ao, bias, bo, out, oo, m, n);
    }

    /**
     * The epilogue of the fused linear op, in place over an m × n row-major block of {@code c}:
     * {@code c = c + bias[bo + j]} (skipped when {@code bias} is null), then {@code c < 0 ? 0 : c} when
     * {@code relu}. The same float operations as {@link #addRowBroadcast} and {@link #relu} in turn, so the
     * results are identical; one pass, right after the GEMM, while C is still in cache.
     */
    public static void biasRelu(float[] c, int co, float[] bias, int bo, int m, int n, boolean relu) {
        int grain = Math.max(1, PAR_GRAIN / Math.max(1, n));
        if ((long) m * n >= 2L * PAR_GRAIN) {
            Parallel.forRange(m, grain, (s, e) -> biasRelu1(c, co + s * n, bias, bo, e - s, n, relu));
        } else biasRelu1(c, co, bias, bo, m, n, relu);
    }

    private static void biasRelu1(float[] c, int co, float[] bias, int bo, int m, int n, boolean relu) {
        if (VEC) VectorFloatKernels.biasRelu(c, co, bias, bo, m, n, relu); else ScalarFloatKernels.biasRelu(c, co, bias, bo, m, n, relu);
    }

    /** {@code out[oo+i] = alpha * a[ao+i]} for {@code i < n}. */
    public static void scale(float[] a, int ao, float alpha, float[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> scale1(a, ao + s, alpha, out, oo + s, e - s));
        } else scale1(a, ao, alpha, out, oo, n);
    }

    private static void scale1(float[] a, int ao, float alpha, float[] out, int oo, int n) {
        if (VEC) VectorFloatKernels.scale(a, ao, alpha, out, oo, n); else ScalarFloatKernels.scale(a, ao, alpha, out, oo, n);
    }

    /** {@code y[yo+i] = fma(x[xo+i], alpha, y[yo+i])} for {@code i < n}. */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> axpy1(alpha, x, xo + s, y, yo + s, e - s));
        } else axpy1(alpha, x, xo, y, yo, n);
    }

    private static void axpy1(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        if (VEC) VectorFloatKernels.axpy(alpha, x, xo, y, yo, n); else ScalarFloatKernels.axpy(alpha, x, xo, y, yo, n);
    }

    /**
     * Whether {@code a[o..o+n)} holds no NaN or infinity: one pass with no branch per element, so checking a
     * whole network's gradients every training step stays cheap.
     */
    public static boolean allFinite(float[] a, int o, int n) {
        return VEC ? VectorFloatKernels.allFinite(a, o, n) : ScalarFloatKernels.allFinite(a, o, n);
    }

    /** {@code out[oo+i] = max(a[ao+i], 0)} ({@code NaN} stays {@code NaN}). */
    public static void relu(float[] a, int ao, float[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> relu1(a, ao + s, out, oo + s, e - s));
        } else relu1(a, ao, out, oo, n);
    }

    private static void relu1(float[] a, int ao, float[] out, int oo, int n) {
        if (VEC) VectorFloatKernels.relu(a, ao, out, oo, n); else ScalarFloatKernels.relu(a, ao, out, oo, n);
    }

    /** {@code out[oo+i] = x[xo+i] > 0 ? g[go+i] : 0} (ReLU gradient). */
    public static void reluBackward(float[] g, int go, float[] x, int xo, float[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> reluBackward1(g, go + s, x, xo + s, out, oo + s, e - s));
        } else reluBackward1(g, go, x, xo, out, oo, n);
    }

    private static void reluBackward1(float[] g, int go, float[] x, int xo, float[] out, int oo, int n) {
        if (VEC) VectorFloatKernels.reluBackward(g, go, x, xo, out, oo, n);
        else ScalarFloatKernels.reluBackward(g, go, x, xo, out, oo, n);
    }

    /**
     * {@code out[oo+i] = (src[so+i] & 0xff) · scale}: unsigned bytes (pixels) to float32, as {@code ToTensor} turns
     * an 8-bit image into [0, 1] with scale 1/255. One float multiply of an exact integer, so both paths give the
     * same values. Runs on the calling thread (callers split whole rows, see {@code Kernels.gatherRows}).
     */
    public static void unsignedBytesToFloat(byte[] src, int so, float scale, float[] out, int oo, int n) {
        if (VEC) VectorFloatKernels.unsignedBytesToFloat(src, so, scale, out, oo, n);
        else ScalarFloatKernels.unsignedBytesToFloat(src, so, scale, out, oo, n);
    }

    /** {@code out[oo+i] = exp(a[ao+i])}; the vector path is within about 1 ulp of {@link Math#exp}. */
    public static void exp(float[] a, int ao, float[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> exp1(a, ao + s, out, oo + s, e - s));
        } else exp1(a, ao, out, oo, n);
    }

    private static void exp1(float[] a, int ao, float[] out, int oo, int n) {
        if (VEC) VectorFloatKernels.exp(a, ao, out, oo, n); else ScalarFloatKernels.exp(a, ao, out, oo, n);
    }

    /** Sum of {@code a[ao .. ao+n)}, accumulated in float64 in a fixed order (see the class comment). */
    public static double sum(float[] a, int ao, int n) {
        return VEC ? VectorFloatKernels.sum(a, ao, n) : ScalarFloatKernels.sum(a, ao, n);
    }

    /**
     * Column sums of the m × n row-major block at {@code a[ao]} into {@code out[oo .. oo+n)} (bias
     * gradients); rows are added in order 0..m-1.
     */
    public static void sumRows(float[] a, int ao, int m, int n, float[] out, int oo) {
        if (VEC) VectorFloatKernels.sumRows(a, ao, m, n, out, oo); else ScalarFloatKernels.sumRows(a, ao, m, n, out, oo);
    }
    /**
     * One momentum-SGD update (PyTorch's rule without dampening): {@code b = μ·b + g; p = p − lr·b},
     * each product rounded before the add on both paths, so vector and scalar results are identical.
     * A new {@code b} under {@link Float#MIN_NORMAL} in magnitude (subnormal) is stored, and used, as 0: see
     * {@link dev.nabla.optim.Optimizer} ("Subnormal state is flushed to zero").
     */
    public static void momentumStep(float[] p, int po, float[] g, int go, float[] b, int bo, float mu, float lr, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> momentumStep1(p, po + s, g, go + s, b, bo + s, mu, lr, e - s));
        } else momentumStep1(p, po, g, go, b, bo, mu, lr, n);
    }

    /**
     * {@link #momentumStep} over several parameters as one pass ("foreach", as PyTorch's multi-tensor SGD): parameter t
     * is {@code p[t][po[t] ..]} with gradient {@code g[t][go[t] ..]} and buffer {@code b[t][0 ..]}, {@code n[t]} values.
     * Their elements split over the threads together, so the small parameters (the biases, a classifier's weights)
     * share one fork/join with the large ones instead of each running alone. Same values as one call per parameter.
     */
    public static void momentumStepAll(float[][] p, int[] po, float[][] g, int[] go, float[][] b, int[] n, float mu, float lr) {
        long total = 0;
        for (int len : n) total += len;
        if (total < 2 * PAR_GRAIN || total > Integer.MAX_VALUE) {
            for (int t = 0; t < p.length; t++) momentumStep(p[t], po[t], g[t], go[t], b[t], 0, mu, lr, n[t]);
            return;
        }
        Parallel.forRange((int) total, PAR_GRAIN, (s, e) -> {
            int start = 0; // first element of parameter t in the joint range
            for (int t = 0; t < p.length && start < e; start += n[t], t++) {
                int lo = Math.max(s, start), hi = Math.min(e, start + n[t]);
                if (lo < hi) momentumStep1(p[t], po[t] + lo - start, g[t], go[t] + lo - start, b[t], lo - start, mu, lr, hi - lo);
            }
        });
    }

    private static void momentumStep1(float[] p, int po, float[] g, int go, float[] b, int bo, float mu, float lr, int n) {
        if (VEC) VectorFloatKernels.momentumStep(p, po, g, go, b, bo, mu, lr, n);
        else ScalarFloatKernels.momentumStep(p, po, g, go, b, bo, mu, lr, n);
    }
    /**
     * One Adam/AdamW update (PyTorch's rule) of n parameters: with {@code decoupled} θ ← θ − decay·θ,
     * else g ← g + wd·θ; then m ← β₁m + c₁g, v ← β₂v + c₂g², θ ← θ − step·m/(√v·inv + ε), where the caller
     * folds the bias corrections into {@code step} = lr/(1−β₁ᵗ) and {@code inv} = 1/√(1−β₂ᵗ). Same float
     * operations in the same order on both paths, so the results are identical. A new m or v under
     * {@link Float#MIN_NORMAL} in magnitude (subnormal) is stored, and used, as 0 (see {@link dev.nabla.optim.Optimizer}).
     */
    public static void adamStep(float[] p, int po, float[] g, int go, float[] m, float[] v, int so, int n,
                                float b1, float b2, float c1, float c2, float step, float inv, float eps,
                                boolean decoupled, float wd, float decay) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> adamStep1(p, po + s, g, go + s, m, v, so + s, e - s, b1, b2, c1, c2, step, inv, eps, decoupled, wd, decay));
        } else adamStep1(p, po, g, go, m, v, so, n, b1, b2, c1, c2, step, inv, eps, decoupled, wd, decay);
    }

    private static void adamStep1(float[] p, int po, float[] g, int go, float[] m, float[] v, int so, int n,
                                  float b1, float b2, float c1, float c2, float step, float inv, float eps,
                                  boolean decoupled, float wd, float decay) {
        if (VEC) VectorFloatKernels.adamStep(p, po, g, go, m, v, so, n, b1, b2, c1, c2, step, inv, eps, decoupled, wd, decay);
        else ScalarFloatKernels.adamStep(p, po, g, go, m, v, so, n, b1, b2, c1, c2, step, inv, eps, decoupled, wd, decay);
    }
}
