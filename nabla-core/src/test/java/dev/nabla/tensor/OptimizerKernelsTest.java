package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.tensor.kernel.ScalarFloatKernels;
import dev.nabla.tensor.kernel.VectorFloatKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused optimizer kernels: vector and scalar paths give identical bits, and both agree with the
 * update rule evaluated in float64 (PyTorch's documented formulas, written out here independently).
 */
class OptimizerKernelsTest {

    static float[] rand(SplittableRandom r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextGaussian() * scale);
        return a;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 17, 100, 1031})
    void momentumStepMatchesReference(int n) {
        SplittableRandom r = new SplittableRandom(n);
        float[] p = rand(r, n, 1), g = rand(r, n, 1), b = rand(r, n, 1);
        float[] p2 = p.clone(), b2 = b.clone(), pRef = p.clone(), bRef = b.clone();
        VectorFloatKernels.momentumStep(p, 0, g, 0, b, 0, 0.9f, 0.05f, n);
        ScalarFloatKernels.momentumStep(p2, 0, g, 0, b2, 0, 0.9f, 0.05f, n);
        assertArrayEquals(p2, p, 0f);
        assertArrayEquals(b2, b, 0f);
        for (int i = 0; i < n; i++) {
            double bi = 0.9 * bRef[i] + g[i];
            assertEquals(bi, b[i], 1e-6 * (1 + Math.abs(bi)));
            assertEquals(pRef[i] - 0.05 * bi, p[i], 1e-6 * (1 + Math.abs(pRef[i])));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 17, 100, 1031})
    void adamStepMatchesReference(int n) {
        for (boolean decoupled : new boolean[] {false, true}) {
            SplittableRandom r = new SplittableRandom(n);
            float[] p = rand(r, n, 1), g = rand(r, n, 1), m = rand(r, n, 0.1), v = rand(r, n, 0.1);
            for (int i = 0; i < n; i++) v[i] = Math.abs(v[i]);
            float[] p2 = p.clone(), m2 = m.clone(), v2 = v.clone(), p0 = p.clone(), m0 = m.clone(), v0 = v.clone();
            double lr = 1e-3, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.01;
            int t = 3;
            double step = lr / (1 - Math.pow(b1, t)), inv = 1 / Math.sqrt(1 - Math.pow(b2, t));
            VectorFloatKernels.adamStep(p, 0, g, 0, m, v, 0, n, (float) b1, (float) b2, (float) (1 - b1), (float) (1 - b2),
                    (float) step, (float) inv, (float) eps, decoupled, (float) wd, (float) (lr * wd));
            ScalarFloatKernels.adamStep(p2, 0, g, 0, m2, v2, 0, n, (float) b1, (float) b2, (float) (1 - b1), (float) (1 - b2),
                    (float) step, (float) inv, (float) eps, decoupled, (float) wd, (float) (lr * wd));
            assertArrayEquals(p2, p, 0f);
            assertArrayEquals(m2, m, 0f);
            assertArrayEquals(v2, v, 0f);
            for (int i = 0; i < n; i++) {
                double th = p0[i], gi = g[i];
                if (decoupled) th -= lr * wd * th; else gi += wd * th;
                double mi = b1 * m0[i] + (1 - b1) * gi, vi = b2 * v0[i] + (1 - b2) * gi * gi;
                double expected = th - lr * (mi / (1 - Math.pow(b1, t))) / (Math.sqrt(vi / (1 - Math.pow(b2, t))) + eps);
                assertEquals(expected, p[i], 1e-6 * (1 + Math.abs(expected)));
            }
        }
    }

    /**
     * A momentum that decays below {@link Float#MIN_NORMAL} is stored and used as 0 on both paths. Expected values by
     * hand: g = 0, μ = 0.9, so b' = 0.9·b (one float product), 0 when |0.9·b| < MIN_NORMAL; p starts at 0, so
     * p' = −lr·b' is exactly 0 where b' was flushed and would be a negative subnormal otherwise.
     */
    @org.junit.jupiter.api.Test
    void momentumStepFlushesSubnormalBuffers() {
        float[] pattern = {2e-38f, 1.3e-38f, Float.MIN_NORMAL, -5e-39f, 1e-30f, -1.4e-38f, 0f, -0f, 1e-45f, 3f};
        int n = 37; // two full 16-lane vectors and a scalar tail
        float[] b = new float[n], g = new float[n], p = new float[n];
        for (int i = 0; i < n; i++) b[i] = pattern[i % pattern.length];
        float[] b2 = b.clone(), p2 = p.clone(), b0 = b.clone();
        VectorFloatKernels.momentumStep(p, 0, g, 0, b, 0, 0.9f, 0.05f, n);
        ScalarFloatKernels.momentumStep(p2, 0, g, 0, b2, 0, 0.9f, 0.05f, n);
        assertArrayEquals(b2, b, 0f);
        assertArrayEquals(p2, p, 0f);
        for (int i = 0; i < n; i++) {
            float decayed = 0.9f * b0[i];
            boolean flushed = Math.abs(decayed) < Float.MIN_NORMAL;
            assertEquals(flushed ? 0f : decayed, b[i], 0f, "b[" + i + "] from " + b0[i]);
            if (flushed) assertEquals(0, Float.floatToRawIntBits(p[i]), "p[" + i + "] must stay +0 when b is flushed");
            else assertEquals(-0.05f * decayed, p[i], 0f);
        }
        // the hand-picked boundary cases: 2e-38 stays (1.8e-38 is normal), 1.3e-38 and MIN_NORMAL go (1.17e-38, 1.06e-38)
        assertEquals(1.8e-38f, b[0], 1e-44f);
        assertEquals(0f, b[1], 0f);
        assertEquals(0f, b[2], 0f);
    }

    /** Adam's m and v are flushed the same way on both paths (g = 0: m' = β₁m, v' = β₂v, by hand). */
    @org.junit.jupiter.api.Test
    void adamStepFlushesSubnormalMoments() {
        int n = 37;
        float[] pattern = {2e-38f, 1.3e-38f, Float.MIN_NORMAL, 1e-39f, 1e-3f, 0f};
        float[] m = new float[n], v = new float[n], g = new float[n], p = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = (i % 2 == 0 ? 1 : -1) * pattern[i % pattern.length];
            v[i] = pattern[(i + 1) % pattern.length];
        }
        float[] m0 = m.clone(), v0 = v.clone(), m2 = m.clone(), v2 = v.clone(), p2 = p.clone();
        VectorFloatKernels.adamStep(p, 0, g, 0, m, v, 0, n, 0.9f, 0.9f, 0.1f, 0.1f, 1e-3f, 1f, 1e-8f, false, 0f, 0f);
        ScalarFloatKernels.adamStep(p2, 0, g, 0, m2, v2, 0, n, 0.9f, 0.9f, 0.1f, 0.1f, 1e-3f, 1f, 1e-8f, false, 0f, 0f);
        assertArrayEquals(m2, m, 0f);
        assertArrayEquals(v2, v, 0f);
        assertArrayEquals(p2, p, 0f);
        for (int i = 0; i < n; i++) {
            float mi = 0.9f * m0[i] + 0.1f * 0f, vi = 0.9f * v0[i] + 0.1f * 0f * 0f;
            assertEquals(Math.abs(mi) < Float.MIN_NORMAL ? 0f : mi, m[i], 0f, "m[" + i + "]");
            assertEquals(vi < Float.MIN_NORMAL ? 0f : vi, v[i], 0f, "v[" + i + "]");
        }
    }

    /**
     * All parameters in one pass: bit-identical to one scalar call per parameter, whatever the thread count and
     * wherever the split between threads falls (sizes 200 704 + 256 + 32 768 + 128 + 1 280 + 10, the 784-256-128-10 MLP,
     * and a total under the parallel threshold).
     */
    @org.junit.jupiter.api.Test
    void momentumStepAllMatchesOneCallPerParameter() {
        int saved = Parallel.threads();
        try {
            for (int[] sizes : new int[][] {{200_704, 256, 32_768, 128, 1_280, 10}, {17, 1, 1031}, {70_001, 3}}) {
                for (int threads : new int[] {1, 2, 3}) {
                    Parallel.setThreads(threads);
                    int k = sizes.length;
                    SplittableRandom r = new SplittableRandom(sizes[0]);
                    float[][] p = new float[k][], g = new float[k][], b = new float[k][], pRef = new float[k][], bRef = new float[k][];
                    int[] po = new int[k], go = new int[k];
                    for (int t = 0; t < k; t++) {
                        po[t] = t % 3;
                        go[t] = (t + 1) % 2;
                        p[t] = rand(r, sizes[t] + po[t], 1);
                        g[t] = rand(r, sizes[t] + go[t], 1);
                        b[t] = rand(r, sizes[t], 1);
                        pRef[t] = p[t].clone();
                        bRef[t] = b[t].clone();
                        ScalarFloatKernels.momentumStep(pRef[t], po[t], g[t], go[t], bRef[t], 0, 0.9f, 0.05f, sizes[t]);
                    }
                    dev.nabla.tensor.kernel.FloatKernels.momentumStepAll(p, po, g, go, b, sizes, 0.9f, 0.05f);
                    for (int t = 0; t < k; t++) {
                        assertArrayEquals(pRef[t], p[t], 0f, "parameter " + t + ", threads " + threads);
                        assertArrayEquals(bRef[t], b[t], 0f, "buffer " + t + ", threads " + threads);
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
