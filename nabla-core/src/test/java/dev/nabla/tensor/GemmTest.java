package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nabla.tensor.kernel.ScalarGemm;
import dev.nabla.tensor.kernel.VectorGemmF32;
import dev.nabla.tensor.kernel.VectorGemmF64;
import dev.nabla.tensor.kernel.VectorSupport;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** GEMM (float32 and float64, vector and scalar paths) against a float64 reference; determinism across thread counts. */
class GemmTest {
    /**
     * Sizes (m, n, k): odd edges, several k blocks (k > KC), several column blocks (n·k > B_MAX), and C one column
     * panel wide (n ≤ 32, so A is read in place) with full and partial row panels: 130x10x800, 64x64x300.
     */
    static final int[][] SIZES = {
        {1, 1, 1}, {1, 3, 17}, {3, 1, 33}, {17, 33, 1}, {33, 17, 65}, {65, 127, 3}, {127, 129, 17},
        {129, 65, 127}, {8, 32, 16}, {16, 64, 32}, {7, 31, 400}, {40, 33, 801}, {9, 2700, 800}, {130, 100, 260},
        {130, 10, 800}, {64, 64, 300}, {300, 40, 600}, // several row blocks × several k blocks
    };
    static final float[][] ALPHA_BETA = {{1f, 0f}, {-0.75f, 1.25f}, {2f, 1f}, {0.5f, -1f}};

    interface SImpl { void gemm(boolean tA, boolean tB, int m, int n, int k, float al, float[] a, int ao, int lda, float[] b, int bo, int ldb, float be, float[] c, int co, int ldc); }
    interface DImpl { void gemm(boolean tA, boolean tB, int m, int n, int k, double al, double[] a, int ao, int lda, double[] b, int bo, int ldb, double be, double[] c, int co, int ldc); }

    /** A test case's operands, with offsets and leading dimensions larger than the widths. */
    static final class Case {
        final boolean tA, tB;
        final int m, n, k, aOff, bOff, cOff, lda, ldb, ldc;
        final double[] a, b, c;

        Case(SplittableRandom r, boolean tA, boolean tB, int m, int n, int k, boolean pad) {
            this.tA = tA; this.tB = tB; this.m = m; this.n = n; this.k = k;
            aOff = pad ? 3 : 0; bOff = pad ? 5 : 0; cOff = pad ? 7 : 0;
            int aRows = tA ? k : m, aCols = tA ? m : k, bRows = tB ? n : k, bCols = tB ? k : n;
            lda = aCols + (pad ? 2 : 0); ldb = bCols + (pad ? 3 : 0); ldc = n + (pad ? 4 : 0);
            a = rand(r, aOff + aRows * lda); b = rand(r, bOff + bRows * ldb); c = rand(r, cOff + m * ldc);
        }

        double av(int i, int p) { return tA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]; }
        double bv(int p, int j) { return tB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]; }

        /** Checks {@code out} against alpha·op(A)·op(B) + beta·c, and that C's padding is untouched. */
        void check(String what, double alpha, double beta, double[] c0, double[] out, double relTol) {
            boolean[] inside = new boolean[out.length];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0, mag = 0;
                    for (int p = 0; p < k; p++) {
                        double x = av(i, p) * bv(p, j);
                        s += x;
                        mag += Math.abs(x);
                    }
                    int ci = cOff + i * ldc + j;
                    inside[ci] = true;
                    double old = beta == 0 ? 0 : beta * c0[ci];
                    double ref = alpha * s + old;
                    double tol = relTol * (Math.abs(alpha) * mag + Math.abs(old)) + 1e-30;
                    if (!(Math.abs(out[ci] - ref) <= tol)) {
                        fail(what + ": C[" + i + "," + j + "] = " + out[ci] + ", expected " + ref + " ± " + tol);
                    }
                }
            }
            for (int q = 0; q < out.length; q++) {
                if (!inside[q] && Double.doubleToRawLongBits(out[q]) != Double.doubleToRawLongBits(c0[q])) {
                    fail(what + ": element " + q + " outside C was written");
                }
            }
        }

        String name(double alpha, double beta) {
            return String.format("tA=%s tB=%s m=%d n=%d k=%d alpha=%s beta=%s", tA, tB, m, n, k, alpha, beta);
        }
    }

    static double[] rand(SplittableRandom r, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }

    static float[] f(double[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = (float) x[i];
        return y;
    }

    static double[] d(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i];
        return y;
    }

    static void runFloat(String path, SImpl impl) {
        SplittableRandom r = new SplittableRandom(42);
        int idx = 0;
        for (int[] s : SIZES) {
            for (int t = 0; t < 4; t++) {
                float[] ab = ALPHA_BETA[idx++ % ALPHA_BETA.length];
                Case cs = new Case(r, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], (idx & 1) == 0);
                float[] c = f(cs.c);
                if (ab[1] == 0) {
                    for (int i = 0; i < cs.m; i++) Arrays.fill(c, cs.cOff + i * cs.ldc, cs.cOff + i * cs.ldc + cs.n, Float.NaN);
                }
                double[] c0 = d(c);
                impl.gemm(cs.tA, cs.tB, cs.m, cs.n, cs.k, ab[0], f(cs.a), cs.aOff, cs.lda, f(cs.b), cs.bOff, cs.ldb, ab[1], c, cs.cOff, cs.ldc);
                cs.check(path + " " + cs.name(ab[0], ab[1]), ab[0], ab[1], c0, d(c), 2e-6 * Math.sqrt(cs.k) + 2e-6);
            }
        }
    }

    static void runDouble(String path, DImpl impl) {
        SplittableRandom r = new SplittableRandom(7);
        int idx = 0;
        for (int[] s : SIZES) {
            for (int t = 0; t < 4; t++) {
                float[] ab = ALPHA_BETA[idx++ % ALPHA_BETA.length];
                Case cs = new Case(r, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], (idx & 1) == 0);
                double[] c = cs.c.clone();
                if (ab[1] == 0) {
                    for (int i = 0; i < cs.m; i++) Arrays.fill(c, cs.cOff + i * cs.ldc, cs.cOff + i * cs.ldc + cs.n, Double.NaN);
                }
                double[] c0 = c.clone();
                impl.gemm(cs.tA, cs.tB, cs.m, cs.n, cs.k, ab[0], cs.a, cs.aOff, cs.lda, cs.b, cs.bOff, cs.ldb, ab[1], c, cs.cOff, cs.ldc);
                cs.check(path + " " + cs.name(ab[0], ab[1]), ab[0], ab[1], c0, c, 1e-14 * Math.sqrt(cs.k) + 1e-14);
            }
        }
    }

    /**
     * Heights that are whole register tiles (float: 14 or 8 rows, float64: 14) with operands packed tight, no padding, so that A's
     * array ends exactly at the last panel: the 16-lane packing of a transposed A must fall back before reading past
     * it, and the 16-wide stores of both packers must stay inside the packed buffer. Reference: the float64 sum
     * of {@link Case#check}, computed here, not by the library.
     */
    @Test
    void tightOperandsAtWholeTiles() {
        SplittableRandom r = new SplittableRandom(11);
        for (int m : new int[] {14, 28, 42, 16, 8}) {
            for (int[] nk : new int[][] {{32, 16}, {47, 31}, {64, 300}, {33, 600}}) {
                for (int t = 0; t < 4; t++) {
                    Case cs = new Case(r, (t & 1) != 0, (t & 2) != 0, m, nk[0], nk[1], false);
                    for (float[] ab : new float[][] {{1f, 0f}, {0.5f, 1.5f}}) {
                        for (int mr : VectorSupport.modulePresent() ? new int[] {VectorGemmF32.MR_TALL, VectorGemmF32.MR_SHORT} : new int[0]) {
                            float[] c = f(cs.c);
                            double[] c0 = d(c);
                            VectorGemmF32.gemmWithTile(mr, cs.tA, cs.tB, m, cs.n, cs.k, ab[0], f(cs.a), 0, cs.lda, f(cs.b), 0, cs.ldb, ab[1], c, 0, cs.ldc);
                            cs.check("tight, " + mr + "-row tile, " + cs.name(ab[0], ab[1]), ab[0], ab[1], c0, d(c), 2e-6 * Math.sqrt(cs.k) + 2e-6);
                        }
                        double[] cd = cs.c.clone();
                        Gemm.dgemm(cs.tA, cs.tB, m, cs.n, cs.k, ab[0], cs.a, 0, cs.lda, cs.b, 0, cs.ldb, ab[1], cd, 0, cs.ldc);
                        cs.check("tight dgemm " + cs.name(ab[0], ab[1]), ab[0], ab[1], cs.c, cd, 1e-14 * Math.sqrt(cs.k) + 1e-14);
                    }
                }
            }
        }
    }

    @Test
    void sgemmFacade() {
        runFloat("Gemm", Gemm::sgemm);
    }

    @Test
    void sgemmVector() {
        if (VectorSupport.modulePresent()) runFloat("vector", VectorGemmF32::gemm);
    }

    /** Both register tile heights on every shape (the automatic choice takes the tall one only from 512 rows). */
    @Test
    void sgemmVectorBothTiles() {
        if (!VectorSupport.modulePresent()) return;
        for (int mr : new int[] {VectorGemmF32.MR_TALL, VectorGemmF32.MR_SHORT}) {
            runFloat("vector " + mr + "-row tile", (tA, tB, m, n, k, al, a, ao, lda, b, bo, ldb, be, c, co, ldc)
                    -> VectorGemmF32.gemmWithTile(mr, tA, tB, m, n, k, al, a, ao, lda, b, bo, ldb, be, c, co, ldc));
        }
    }

    @Test
    void sgemmScalar() {
        runFloat("scalar", ScalarGemm::sgemm);
    }

    @Test
    void dgemmFacade() {
        runDouble("Gemm", Gemm::dgemm);
    }

    @Test
    void dgemmVector() {
        if (VectorSupport.modulePresent()) runDouble("vector", VectorGemmF64::gemm);
    }

    @Test
    void dgemmScalar() {
        runDouble("scalar", ScalarGemm::dgemm);
    }

    @Test
    void vectorPathIsUsedWhenModulePresent() {
        assertEquals(VectorSupport.modulePresent() && !"false".equals(System.getProperty("nabla.vector")), VectorSupport.enabled());
    }

    @Test
    void degenerateSizes() {
        float[] c = {1f, 2f, Float.NaN, 4f};
        Gemm.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 3f, c, 0, 2);
        assertTrue(Float.isNaN(c[2]));
        assertEquals(3f, c[0]);
        Gemm.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[4], c);
        double[] cd = {Double.NaN, 1};
        Gemm.dgemm(false, false, 1, 2, 1, 0.0, new double[] {Double.NaN}, 0, 1, new double[] {1, 1}, 0, 2, 0.0, cd, 0, 2);
        assertArrayEquals(new double[2], cd);
        Gemm.sgemm(false, false, 0, 5, 5, 1f, new float[0], 0, 5, new float[25], 0, 5, 0f, new float[0], 0, 5);
    }

    /** The same call with 1, 2 and 3 threads must give the same bits (vector and scalar paths). */
    @Test
    void bitIdenticalAcrossThreadCounts() {
        int saved = Parallel.threads();
        try {
            SplittableRandom r = new SplittableRandom(3);
            // 64x96x300: three column panels, A packed on one thread, read in place at two (1 and 2 panels per thread)
            int[][] sizes = {{200, 300, 500}, {129, 1000, 65}, {17, 1200, 500}, {600, 40, 130}, {64, 96, 300}, {130, 10, 800}};
            for (int[] s : sizes) {
                for (int t = 0; t < 4; t++) {
                    Case cs = new Case(r, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], true);
                    float[] a = f(cs.a), b = f(cs.b);
                    float[][] outF = new float[6][];
                    double[][] outD = new double[3][];
                    for (int th = 1; th <= 3; th++) {
                        Parallel.setThreads(th);
                        float[] c1 = f(cs.c);
                        Gemm.sgemm(cs.tA, cs.tB, cs.m, cs.n, cs.k, 0.5f, a, cs.aOff, cs.lda, b, cs.bOff, cs.ldb, 1.5f, c1, cs.cOff, cs.ldc);
                        outF[th - 1] = c1;
                        float[] c2 = f(cs.c);
                        ScalarGemm.sgemm(cs.tA, cs.tB, cs.m, cs.n, cs.k, 0.5f, a, cs.aOff, cs.lda, b, cs.bOff, cs.ldb, 1.5f, c2, cs.cOff, cs.ldc);
                        outF[th + 2] = c2;
                        double[] c3 = cs.c.clone();
                        Gemm.dgemm(cs.tA, cs.tB, cs.m, cs.n, cs.k, 0.5, cs.a, cs.aOff, cs.lda, cs.b, cs.bOff, cs.ldb, 1.5, c3, cs.cOff, cs.ldc);
                        outD[th - 1] = c3;
                    }
                    String w = cs.name(0.5, 1.5);
                    assertArrayEquals(outF[0], outF[1], "sgemm threads 1 vs 2: " + w);
                    assertArrayEquals(outF[0], outF[2], "sgemm threads 1 vs 3: " + w);
                    assertArrayEquals(outF[3], outF[4], "scalar sgemm threads 1 vs 2: " + w);
                    assertArrayEquals(outF[3], outF[5], "scalar sgemm threads 1 vs 3: " + w);
                    assertArrayEquals(outD[0], outD[1], "dgemm threads 1 vs 2: " + w);
                    assertArrayEquals(outD[0], outD[2], "dgemm threads 1 vs 3: " + w);
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
