package dev.nabla.tensor.kernel;

import dev.nabla.tensor.Parallel;

/**
 * Scalar GEMM fallback used when the Vector API is absent or disabled ({@code -Dnabla.vector=false}).
 * Cache-friendly i-k-j order: a {@code kc × nc} block of op(B) is packed row-major into a thread-local
 * buffer, then each row of C accumulates {@code a(i,p) * B(p, :)} over the block; rows are split across
 * {@link Parallel} threads. The k blocking depends on k only, so results do not depend on the thread count.
 */
public final class ScalarGemm {
    private ScalarGemm() {}

    static final int KC = 256;
    static final int NC = 512;

    private static final ThreadLocal<float[][]> FBUF = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[NC]});
    private static final ThreadLocal<double[][]> DBUF = ThreadLocal.withInitial(() -> new double[][] {new double[0], new double[NC]});

    /** {@code C = alpha * op(A) * op(B) + beta * C} in float32; requires {@code m, n, k > 0}. */
    public static void sgemm(boolean tA, boolean tB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        float[][] own = FBUF.get();
        int kcMax = Math.min(KC, k);
        if (own[0].length < kcMax * NC) own[0] = new float[kcMax * NC];
        float[] bp = own[0];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                for (int p = 0; p < kc; p++) {
                    for (int j = 0; j < nc; j++) {
                        bp[p * nc + j] = tB ? b[bOff + (jc + j) * ldb + pc + p] : b[bOff + (pc + p) * ldb + jc + j];
                    }
                }
                final int fjc = jc, fpc = pc;
                int mode = pc > 0 ? 2 : (beta == 0 ? 0 : 1);
                long work = (long) m * nc * kc;
                Parallel.forRange(m, work >= (1L << 18) ? 1 : Integer.MAX_VALUE, (s, e) -> {
                    float[] acc = FBUF.get()[1];
                    for (int i = s; i < e; i++) {
                        java.util.Arrays.fill(acc, 0, nc, 0f);
                        for (int p = 0; p < kc; p++) {
                            float av = tA ? a[aOff + (fpc + p) * lda + i] : a[aOff + i * lda + fpc + p];
                            int bo = p * nc;
                            for (int j = 0; j < nc; j++) acc[j] += av * bp[bo + j];
                        }
                        int co = cOff + i * ldc + fjc;
                        for (int j = 0; j < nc; j++) {
                            c[co + j] = mode == 0 ? alpha * acc[j]
                                    : mode == 1 ? alpha * acc[j] + beta * c[co + j]
                                    : alpha * acc[j] + c[co + j];
                        }
                    }
                });
            }
        }
    }

    /** {@code C = alpha * op(A) * op(B) + beta * C} in float64; requires {@code m, n, k > 0}. */
    public static void dgemm(boolean tA, boolean tB, int m, int n, int k, double alpha,
                             double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        double[][] own = DBUF.get();
        int kcMax = Math.min(KC, k);
        if (own[0].length < kcMax * NC) own[0] = new double[kcMax * NC];
        double[] bp = own[0];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                for (int p = 0; p < kc; p++) {
                    for (int j = 0; j < nc; j++) {
                        bp[p * nc + j] = tB ? b[bOff + (jc + j) * ldb + pc + p] : b[bOff + (pc + p) * ldb + jc + j];
                    }
                }
                final int fjc = jc, fpc = pc;
                int mode = pc > 0 ? 2 : (beta == 0 ? 0 : 1);
                long work = (long) m * nc * kc;
                Parallel.forRange(m, work >= (1L << 18) ? 1 : Integer.MAX_VALUE, (s, e) -> {
                    double[] acc = DBUF.get()[1];
                    for (int i = s; i < e; i++) {
                        java.util.Arrays.fill(acc, 0, nc, 0.0);
                        for (int p = 0; p < kc; p++) {
                            double av = tA ? a[aOff + (fpc + p) * lda + i] : a[aOff + i * lda + fpc + p];
                            int bo = p * nc;
                            for (int j = 0; j < nc; j++) acc[j] += av * bp[bo + j];
                        }
                        int co = cOff + i * ldc + fjc;
                        for (int j = 0; j < nc; j++) {
                            c[co + j] = mode == 0 ? alpha * acc[j]
                                    : mode == 1 ? alpha * acc[j] + beta * c[co + j]
                                    : alpha * acc[j] + c[co + j];
                        }
                    }
                });
            }
        }
    }
}
