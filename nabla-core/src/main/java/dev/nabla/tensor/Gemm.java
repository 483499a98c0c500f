package dev.nabla.tensor;

import dev.nabla.tensor.kernel.ScalarGemm;
import dev.nabla.tensor.kernel.VectorGemmF32;
import dev.nabla.tensor.kernel.VectorGemmF64;
import dev.nabla.tensor.kernel.VectorSupport;

/**
 * General matrix multiply on flat row-major arrays, BLAS style:
 * {@code C = alpha * op(A) * op(B) + beta * C} with op(X) = X or Xᵀ, so backprop's
 * Xᵀ·dY and dY·Wᵀ never materialise a transpose.
 *
 * <p>Element (i, p) of op(A) (m × k) is {@code a[aOff + i*lda + p]} when {@code transA} is false and
 * {@code a[aOff + p*lda + i]} when it is true; likewise for op(B) (k × n); C (m × n) is
 * {@code c[cOff + i*ldc + j]}. When {@code beta == 0} the old contents of C are ignored (NaN included).
 *
 * <p>Dispatches to the packed, register-tiled Vector API kernels ({@link VectorGemmF32},
 * {@link VectorGemmF64}) when {@link VectorSupport#enabled()}, else to {@link ScalarGemm}. Both use
 * {@link Parallel}'s threads and give bit-identical results for every thread count.
 */
public final class Gemm {
    private Gemm() {}

    /** float32 GEMM: {@code C = alpha * op(A) * op(B) + beta * C}. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        check(m, n, k);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0) {
            for (int i = 0; i < m; i++) {
                int co = cOff + i * ldc;
                for (int j = 0; j < n; j++) c[co + j] = beta == 0 ? 0f : beta * c[co + j];
            }
            return;
        }
        if (VectorSupport.enabled()) {
            VectorGemmF32.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            ScalarGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /** float64 GEMM: {@code C = alpha * op(A) * op(B) + beta * C}. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                             double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        check(m, n, k);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0) {
            for (int i = 0; i < m; i++) {
                int co = cOff + i * ldc;
                for (int j = 0; j < n; j++) c[co + j] = beta == 0 ? 0.0 : beta * c[co + j];
            }
            return;
        }
        if (VectorSupport.enabled()) {
            VectorGemmF64.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            ScalarGemm.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    private static void check(int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
    }
}
