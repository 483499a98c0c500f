package dev.nabla.tensor.kernel;

import dev.nabla.tensor.Parallel;

/**
 * Elementwise and reduction helpers on contiguous double arrays with offsets, for the tensor ops and layers.
 * Each call dispatches (like {@code Gemm}) to {@link VectorDoubleKernels} when {@link VectorSupport#enabled()},
 * else to {@link ScalarDoubleKernels}. Output may alias an input at the same offset. Large elementwise calls are
 * split across {@link Parallel} threads (elementwise, so results do not depend on the thread count).
 *
 * <p>Reductions: {@link #sum} accumulates in float64 with a fixed order (16 interleaved lanes, then
 * combined in a fixed order, then the tail), so it is deterministic and identical on both paths;
 * {@link #sumRows} adds the rows in order 0..m-1 in double, identical on both paths.
 */
public final class DoubleKernels {
    private DoubleKernels() {}

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
    public static void add(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> add1(a, ao + s, b, bo + s, out, oo + s, e - s));
        } else add1(a, ao, b, bo, out, oo, n);
    }

    private static void add1(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        if (VEC) VectorDoubleKernels.add(a, ao, b, bo, out, oo, n); else ScalarDoubleKernels.add(a, ao, b, bo, out, oo, n);
    }

    /** {@code out[oo+i] = a[ao+i] - b[bo+i]} for {@code i < n}. */
    public static void sub(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> sub1(a, ao + s, b, bo + s, out, oo + s, e - s));
        } else sub1(a, ao, b, bo, out, oo, n);
    }

    private static void sub1(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        if (VEC) VectorDoubleKernels.sub(a, ao, b, bo, out, oo, n); else ScalarDoubleKernels.sub(a, ao, b, bo, out, oo, n);
    }

    /** {@code out[oo+i] = a[ao+i] * b[bo+i]} for {@code i < n}. */
    public static void mul(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> mul1(a, ao + s, b, bo + s, out, oo + s, e - s));
        } else mul1(a, ao, b, bo, out, oo, n);
    }

    private static void mul1(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        if (VEC) VectorDoubleKernels.mul(a, ao, b, bo, out, oo, n); else ScalarDoubleKernels.mul(a, ao, b, bo, out, oo, n);
    }

    /** {@code out[oo+i] = a[ao+i] / b[bo+i]} for {@code i < n}. */
    public static void div(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> div1(a, ao + s, b, bo + s, out, oo + s, e - s));
        } else div1(a, ao, b, bo, out, oo, n);
    }

    private static void div1(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        if (VEC) VectorDoubleKernels.div(a, ao, b, bo, out, oo, n); else ScalarDoubleKernels.div(a, ao, b, bo, out, oo, n);
    }

    /** {@code out[oo + i*n + j] = a[ao + i*n + j] + bias[bo + j]} for an m × n row-major block. */
    public static void addRowBroadcast(double[] a, int ao, double[] bias, int bo, double[] out, int oo, int m, int n) {
        int grain = Math.max(1, PAR_GRAIN / Math.max(1, n));
        if ((long) m * n >= 2L * PAR_GRAIN) {
            Parallel.forRange(m, grain, (s, e) -> rowBroadcast1(a, ao + s * n, bias, bo, out, oo + s * n, e - s, n));
        } else rowBroadcast1(a, ao, bias, bo, out, oo, m, n);
    }

    private static void rowBroadcast1(double[] a, int ao, double[] bias, int bo, double[] out, int oo, int m, int n) {
        if (VEC) VectorDoubleKernels.addRowBroadcast(a, ao, bias, bo, out, oo, m, n);
        else ScalarDoubleKernels.addRowBroadcast(a, ao, bias, bo, out, oo, m, n);
    }

    /**
     * The float64 epilogue of the fused linear op, in place over an m × n row-major block of {@code c}:
     * {@code c = c + bias[bo + j]} (skipped when {@code bias} is null), then {@code c > 0 ? c : 0·c} when
     * {@code relu}, which is float64 ReLU's rule ({@code Tensor.relu}), so the results are identical.
     * Scalar: float64 training is not a hot path, and C is in cache here.
     */
    public static void biasRelu(double[] c, int co, double[] bias, int bo, int m, int n, boolean relu) {
        for (int r = 0; r < m; r++) {
            int ro = co + r * n;
            for (int j = 0; j < n; j++) {
                double v = bias != null ? c[ro + j] + bias[bo + j] : c[ro + j];
                c[ro + j] = relu ? (v > 0 ? v : 0 * v) : v;
            }
        }
    }

    /** {@code out[oo+i] = alpha * a[ao+i]} for {@code i < n}. */
    public static void scale(double[] a, int ao, double alpha, double[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> scale1(a, ao + s, alpha, out, oo + s, e - s));
        } else scale1(a, ao, alpha, out, oo, n);
    }

    private static void scale1(double[] a, int ao, double alpha, double[] out, int oo, int n) {
        if (VEC) VectorDoubleKernels.scale(a, ao, alpha, out, oo, n); else ScalarDoubleKernels.scale(a, ao, alpha, out, oo, n);
    }

    /** {@code y[yo+i] = fma(x[xo+i], alpha, y[yo+i])} for {@code i < n}. */
    public static void axpy(double alpha, double[] x, int xo, double[] y, int yo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> axpy1(alpha, x, xo + s, y, yo + s, e - s));
        } else axpy1(alpha, x, xo, y, yo, n);
    }

    private static void axpy1(double alpha, double[] x, int xo, double[] y, int yo, int n) {
        if (VEC) VectorDoubleKernels.axpy(alpha, x, xo, y, yo, n); else ScalarDoubleKernels.axpy(alpha, x, xo, y, yo, n);
    }

    /** {@code out[oo+i] = max(a[ao+i], 0)} ({@code NaN} stays {@code NaN}). */
    public static void relu(double[] a, int ao, double[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> relu1(a, ao + s, out, oo + s, e - s));
        } else relu1(a, ao, out, oo, n);
    }

    private static void relu1(double[] a, int ao, double[] out, int oo, int n) {
        if (VEC) VectorDoubleKernels.relu(a, ao, out, oo, n); else ScalarDoubleKernels.relu(a, ao, out, oo, n);
    }

    /** {@code out[oo+i] = x[xo+i] > 0 ? g[go+i] : 0} (ReLU gradient). */
    public static void reluBackward(double[] g, int go, double[] x, int xo, double[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> reluBackward1(g, go + s, x, xo + s, out, oo + s, e - s));
        } else reluBackward1(g, go, x, xo, out, oo, n);
    }

    private static void reluBackward1(double[] g, int go, double[] x, int xo, double[] out, int oo, int n) {
        if (VEC) VectorDoubleKernels.reluBackward(g, go, x, xo, out, oo, n);
        else ScalarDoubleKernels.reluBackward(g, go, x, xo, out, oo, n);
    }

    /** {@code out[oo+i] = exp(a[ao+i])}; the vector path is within about 1 ulp of {@link Math#exp}. */
    public static void exp(double[] a, int ao, double[] out, int oo, int n) {
        if (n >= 2 * PAR_GRAIN) {
            Parallel.forRange(n, PAR_GRAIN, (s, e) -> exp1(a, ao + s, out, oo + s, e - s));
        } else exp1(a, ao, out, oo, n);
    }

    private static void exp1(double[] a, int ao, double[] out, int oo, int n) {
        if (VEC) VectorDoubleKernels.exp(a, ao, out, oo, n); else ScalarDoubleKernels.exp(a, ao, out, oo, n);
    }

    /**
     * {@code out[oo+i] = exp(a[ao+i])} within about 1 ulp of {@link Math#exp}, with the same bits on every JIT tier and
     * on both paths ({@link ScalarDoubleKernels#expReproducible(double)}), for results that seeded runs reproduce
     * (softmax, cross-entropy). On this thread only: callers split the work.
     */
    public static void expReproducible(double[] a, int ao, double[] out, int oo, int n) {
        if (VEC) VectorDoubleKernels.expReproducible(a, ao, out, oo, n); else ScalarDoubleKernels.expReproducible(a, ao, out, oo, n);
    }

    /** Sum of {@code a[ao .. ao+n)}, accumulated in float64 in a fixed order (see the class comment). */
    public static double sum(double[] a, int ao, int n) {
        return VEC ? VectorDoubleKernels.sum(a, ao, n) : ScalarDoubleKernels.sum(a, ao, n);
    }

    /**
     * Column sums of the m × n row-major block at {@code a[ao]} into {@code out[oo .. oo+n)} (bias
     * gradients); rows are added in order 0..m-1.
     */
    public static void sumRows(double[] a, int ao, int m, int n, double[] out, int oo) {
        if (VEC) VectorDoubleKernels.sumRows(a, ao, m, n, out, oo); else ScalarDoubleKernels.sumRows(a, ao, m, n, out, oo);
    }
}
