package dev.nabla.tensor.kernel;

import dev.nabla.tensor.Parallel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packed, cache-blocked double GEMM on the Vector API (GotoBLAS/BLIS structure): panels of op(B)
 * ({@code kc × NR}) and op(A) ({@code MR × kc}) are packed into contiguous, zero-padded thread-local
 * buffers and multiplied by an {@value #MR}×({@value #NV}·lanes) register-tiled FMA micro-kernel using
 * {@code DoubleVector.SPECIES_PREFERRED}. Transposed operands are handled by the packing routines, so no
 * transpose is materialised.
 *
 * <p>Determinism: the k dimension is cut into blocks whose boundaries depend on k only, every element of
 * C accumulates its block's products in increasing k order with FMA, and the blocks are added to C in
 * increasing order; threads ({@link Parallel}) only split rows or columns of C. Results are therefore
 * bit-identical for every thread count.
 *
 * <p>Only load this class when module {@code jdk.incubator.vector} is present (see {@link VectorSupport});
 * callers normally go through {@code dev.nabla.tensor.Gemm}. The micro-kernel is unrolled by hand
 * (generated), since accumulators must live in registers.
 */
public final class VectorGemmF64 {
    private VectorGemmF64() {}

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** The exact class of {@link #S}'s vectors, for receivers C2 would otherwise type by profile ({@link ExactVectors}). */
    static final Class<? extends DoubleVector> EXACT = ExactVectors.classOf(S);
    /**
     * Rows of the register tile: 14 (28 accumulators with {@link #NV} = 2, plus two B vectors and a broadcast: 31
     * of AVX-512's 32 registers), against float's 8. With 8-byte elements an 8×16 tile does only 4 flops per byte
     * of packed A streamed from L2 and 16 FMAs per 10 loads; 14×16 does 28 FMAs per 16 loads. Two threads,
     * alternated JVMs: 1024³ ~105-120 -> 125-134 GFLOP/s, 128x784x256 ~100-108 -> 100-106, 784x128x256 ~122 ->
     * ~131, 128x256x128 ~64 -> ~88 (also a column split there now); 128x800x10 ~29 -> ~25. 8×24 gave 1024³
     * 119-132 but 128x784x256 91-103 (11 panels of 24 split 6 / 5), 10×16 113-119, 6×32 ~110, 12×16 ~100.
     * The generated kernels and {@link #storeTile} (two halves of 7 rows) are written for 14.
     */
    public static final int MR = 14;
    /** Vectors per row of the register tile. */
    public static final int NV = 2;
    /** Columns of the register tile. */
    static final int NR = NV * L;
    /** Largest k block. */
    static final int KC_MAX = Integer.getInteger("nabla.gemm.kc64", 256);
    /** Row panels per A block (MC = MC_PANELS * MR rows). */
    static final int MC_PANELS = Math.max(1, Integer.getInteger("nabla.gemm.mc64", 128) / MR);
    /** Most elements of packed B held at once (bounds the column block NC). */
    static final int B_MAX = 1 << 21;
    /** Multiply-adds below which a call stays on one thread. */
    static final long PARALLEL_MIN_WORK = 1L << 18;
    /** Split strategy: 0 = automatic, 1 = rows of C, 2 = columns of C. */
    static final int SPLIT = Integer.getInteger("nabla.gemm.split", 0);

    private static final class Buffers {
        double[] a = new double[0];
        double[] b = new double[0];
        final double[] tmp = new double[MR * NR];
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C}, same contract as {@code Gemm}; requires
     * {@code m, n, k > 0}. When {@code beta == 0} the old contents of C are ignored.
     */
    public static void gemm(boolean tA, boolean tB, int m, int n, int k, double alpha,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double beta, double[] c, int cOff, int ldc) {
        int kBlocks = (k + KC_MAX - 1) / KC_MAX;
        int kcStd = (k + kBlocks - 1) / kBlocks;
        int nPanels = (n + NR - 1) / NR;
        int mPanels = (m + MR - 1) / MR;
        int ncPanels = Math.max(1, Math.min(nPanels, B_MAX / (k * NR)));
        Buffers own = BUFFERS.get();
        int need = k * ncPanels * NR;
        if (own.b.length < need) own.b = new double[need];
        double[] bp = own.b;
        boolean parallel = (long) m * n * k >= PARALLEL_MIN_WORK && Parallel.threads() > 1;
        for (int jc = 0; jc < nPanels; jc += ncPanels) {
            final int jc0 = jc, np = Math.min(ncPanels, nPanels - jc);
            boolean splitRows = SPLIT == 1 || (SPLIT == 0 && mPanels >= 2 * np);
            if (!parallel) {
                packB(tB, n, k, kcStd, b, bOff, ldb, bp, jc0, np, 0, np);
                block(tA, m, n, k, kcStd, alpha, a, aOff, lda, beta, c, cOff, ldc, bp, jc0, np, 0, mPanels, 0, np);
            } else if (splitRows) {
                Parallel.forRange(np, 1, (s, e) -> packB(tB, n, k, kcStd, b, bOff, ldb, bp, jc0, np, s, e));
                Parallel.forRange(mPanels, 1, (s, e) ->
                        block(tA, m, n, k, kcStd, alpha, a, aOff, lda, beta, c, cOff, ldc, bp, jc0, np, s, e, 0, np));
            } else {
                Parallel.forRange(np, 1, (s, e) -> {
                    packB(tB, n, k, kcStd, b, bOff, ldb, bp, jc0, np, s, e);
                    block(tA, m, n, k, kcStd, alpha, a, aOff, lda, beta, c, cOff, ldc, bp, jc0, np, 0, mPanels, s, e);
                });
            }
        }
    }

    /** Packs column panels [s, e) (relative to jc0) of op(B), all of k, into bp. */
    static void packB(boolean tB, int n, int k, int kcStd, double[] b, int bOff, int ldb, double[] bp,
                      int jc0, int np, int s, int e) {
        for (int pc = 0; pc < k; pc += kcStd) {
            int kc = Math.min(kcStd, k - pc);
            int blockBase = pc * np * NR;
            for (int jp = s; jp < e; jp++) {
                int j0 = (jc0 + jp) * NR;
                int d0 = blockBase + jp * kc * NR;
                int w = Math.min(NR, n - j0);
                if (!tB) {
                    int src = bOff + pc * ldb + j0;
                    if (w == NR) {
                        for (int p = 0, d = d0; p < kc; p++, d += NR, src += ldb) {
                            EXACT.cast(DoubleVector.fromArray(S, b, src + 0 * L)).intoArray(bp, d + 0 * L);
                            EXACT.cast(DoubleVector.fromArray(S, b, src + 1 * L)).intoArray(bp, d + 1 * L);
                        }
                    } else {
                        for (int p = 0, d = d0; p < kc; p++, d += NR, src += ldb) {
                            for (int jj = 0; jj < w; jj++) bp[d + jj] = b[src + jj];
                            for (int jj = w; jj < NR; jj++) bp[d + jj] = 0;
                        }
                    }
                } else {
                    for (int jj = 0; jj < NR; jj++) {
                        int d = d0 + jj;
                        if (jj < w) {
                            int src = bOff + (j0 + jj) * ldb + pc;
                            for (int p = 0; p < kc; p++, d += NR) bp[d] = b[src + p];
                        } else {
                            for (int p = 0; p < kc; p++, d += NR) bp[d] = 0;
                        }
                    }
                }
            }
        }
    }

    /** Packs row panels [ip0, ip1) of op(A), k range [pc, pc+kc), into ap (panel-major, MR interleaved). */
    static void packA(boolean tA, int m, int pc, int kc, double[] a, int aOff, int lda, double[] ap, int ip0, int ip1) {
        for (int ip = ip0; ip < ip1; ip++) {
            int i0 = ip * MR;
            int d0 = (ip - ip0) * MR * kc;
            int h = Math.min(MR, m - i0);
            if (!tA) {
                for (int r = 0; r < MR; r++) {
                    int d = d0 + r;
                    if (r < h) {
                        int src = aOff + (i0 + r) * lda + pc;
                        for (int p = 0; p < kc; p++, d += MR) ap[d] = a[src + p];
                    } else {
                        for (int p = 0; p < kc; p++, d += MR) ap[d] = 0;
                    }
                }
            } else {
                int src = aOff + pc * lda + i0;
                if (h == MR) {
                    for (int p = 0, d = d0; p < kc; p++, d += MR, src += lda) {
                        for (int r = 0; r < MR; r++) ap[d + r] = a[src + r];
                    }
                } else {
                    for (int p = 0, d = d0; p < kc; p++, d += MR, src += lda) {
                        for (int r = 0; r < h; r++) ap[d + r] = a[src + r];
                        for (int r = h; r < MR; r++) ap[d + r] = 0;
                    }
                }
            }
        }
    }

    /** Computes the C tiles of row panels [mp0, mp1) × column panels [jp0, jp1) (relative to jc0). */
    static void block(boolean tA, int m, int n, int k, int kcStd, double alpha, double[] a, int aOff, int lda,
                      double beta, double[] c, int cOff, int ldc, double[] bp, int jc0, int np,
                      int mp0, int mp1, int jp0, int jp1) {
        Buffers buf = BUFFERS.get();
        int mcPanels = VectorGemmF32.rowBlockPanels(mp1 - mp0, MC_PANELS);
        int needA = Math.min(mcPanels, mp1 - mp0) * MR * Math.min(kcStd, k);
        if (buf.a.length < needA) buf.a = new double[needA];
        double[] ap = buf.a;
        double[] tmp = buf.tmp;
        // Row blocks outermost, as in VectorGemmF32.block: a block's rows of C stay in L2 while every k block
        // updates them, instead of all of C being read and written once per k block; each tile still accumulates
        // its k blocks in increasing order, so the values do not change.
        for (int ic = mp0; ic < mp1; ic += mcPanels) {
            int icEnd = Math.min(mp1, ic + mcPanels);
            for (int pc = 0; pc < k; pc += kcStd) {
                int kc = Math.min(kcStd, k - pc);
                int mode = pc > 0 ? 2 : (beta == 0 ? 0 : 1);
                int blockBase = pc * np * NR;
                packA(tA, m, pc, kc, a, aOff, lda, ap, ic, icEnd);
                for (int jp = jp0; jp < jp1; jp++) {
                    int j0 = (jc0 + jp) * NR;
                    int bi = blockBase + jp * kc * NR;
                    boolean fullN = j0 + NR <= n;
                    for (int ip = ic; ip < icEnd; ip++) {
                        int i0 = ip * MR;
                        int ai = (ip - ic) * MR * kc;
                        kernel(kc, ap, ai, bp, bi, tmp);
                        if (fullN && i0 + MR <= m) {
                            storeTile(tmp, c, cOff + i0 * ldc + j0, ldc, alpha, beta, mode);
                        } else {
                            int h = Math.min(MR, m - i0), w = Math.min(NR, n - j0);
                            for (int r = 0; r < h; r++) {
                                int co = cOff + (i0 + r) * ldc + j0;
                                for (int jj = 0; jj < w; jj++) {
                                    double acc = tmp[r * NR + jj];
                                    c[co + jj] = mode == 0 ? acc * alpha
                                            : mode == 1 ? Math.fma(acc, alpha, c[co + jj] * beta)
                                            : Math.fma(acc, alpha, c[co + jj]);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * MR × NR micro-kernel over one k block: accumulates {@code sum_p A(r,p) B(p,c)} (FMA, increasing p) into
     * the tile buffer {@code t} (row-major MR × NR). Kept small (no store logic) so that every JIT tier can
     * compile it.
     */
    static void kernel(int kc, double[] ap, int ai, double[] bp, int bi, double[] t) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z; DoubleVector c01 = z; DoubleVector c10 = z; DoubleVector c11 = z; DoubleVector c20 = z; DoubleVector c21 = z; DoubleVector c30 = z; DoubleVector c31 = z; DoubleVector c40 = z; DoubleVector c41 = z; DoubleVector c50 = z; DoubleVector c51 = z; DoubleVector c60 = z; DoubleVector c61 = z; DoubleVector c70 = z; DoubleVector c71 = z; DoubleVector c80 = z; DoubleVector c81 = z; DoubleVector c90 = z; DoubleVector c91 = z; DoubleVector c100 = z; DoubleVector c101 = z; DoubleVector c110 = z; DoubleVector c111 = z; DoubleVector c120 = z; DoubleVector c121 = z; DoubleVector c130 = z; DoubleVector c131 = z;
        for (int p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi + 0 * L);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + 1 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, ap[ai + 0]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            DoubleVector a6 = DoubleVector.broadcast(S, ap[ai + 6]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
            DoubleVector a7 = DoubleVector.broadcast(S, ap[ai + 7]);
            c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
            DoubleVector a8 = DoubleVector.broadcast(S, ap[ai + 8]);
            c80 = a8.fma(b0, c80); c81 = a8.fma(b1, c81);
            DoubleVector a9 = DoubleVector.broadcast(S, ap[ai + 9]);
            c90 = a9.fma(b0, c90); c91 = a9.fma(b1, c91);
            DoubleVector a10 = DoubleVector.broadcast(S, ap[ai + 10]);
            c100 = a10.fma(b0, c100); c101 = a10.fma(b1, c101);
            DoubleVector a11 = DoubleVector.broadcast(S, ap[ai + 11]);
            c110 = a11.fma(b0, c110); c111 = a11.fma(b1, c111);
            DoubleVector a12 = DoubleVector.broadcast(S, ap[ai + 12]);
            c120 = a12.fma(b0, c120); c121 = a12.fma(b1, c121);
            DoubleVector a13 = DoubleVector.broadcast(S, ap[ai + 13]);
            c130 = a13.fma(b0, c130); c131 = a13.fma(b1, c131);
            ai += MR;
            bi += NR;
        }
        EXACT.cast(c00).intoArray(t, 0 * L); EXACT.cast(c01).intoArray(t, 1 * L);
        EXACT.cast(c10).intoArray(t, 2 * L); EXACT.cast(c11).intoArray(t, 3 * L);
        EXACT.cast(c20).intoArray(t, 4 * L); EXACT.cast(c21).intoArray(t, 5 * L);
        EXACT.cast(c30).intoArray(t, 6 * L); EXACT.cast(c31).intoArray(t, 7 * L);
        EXACT.cast(c40).intoArray(t, 8 * L); EXACT.cast(c41).intoArray(t, 9 * L);
        EXACT.cast(c50).intoArray(t, 10 * L); EXACT.cast(c51).intoArray(t, 11 * L);
        EXACT.cast(c60).intoArray(t, 12 * L); EXACT.cast(c61).intoArray(t, 13 * L);
        EXACT.cast(c70).intoArray(t, 14 * L); EXACT.cast(c71).intoArray(t, 15 * L);
        EXACT.cast(c80).intoArray(t, 16 * L); EXACT.cast(c81).intoArray(t, 17 * L);
        EXACT.cast(c90).intoArray(t, 18 * L); EXACT.cast(c91).intoArray(t, 19 * L);
        EXACT.cast(c100).intoArray(t, 20 * L); EXACT.cast(c101).intoArray(t, 21 * L);
        EXACT.cast(c110).intoArray(t, 22 * L); EXACT.cast(c111).intoArray(t, 23 * L);
        EXACT.cast(c120).intoArray(t, 24 * L); EXACT.cast(c121).intoArray(t, 25 * L);
        EXACT.cast(c130).intoArray(t, 26 * L); EXACT.cast(c131).intoArray(t, 27 * L);
    }

    /**
     * Writes a full tile: mode 0: {@code c = alpha*acc}; 1: {@code c = fma(acc, alpha, beta*c)};
     * 2: {@code c = fma(acc, alpha, c)}. Modes 1 and 2 go by halves of 7 rows and read all of a half's C vectors
     * before writing any: with C rows a multiple of 4 KB apart, a load issued after a store to another row looks
     * like the same address to the CPU's store forwarding check ("4K aliasing") and waits. Not the whole tile at
     * once: C1 gives up on a method with 28 such vectors ("out of virtual registers"), and a JVM then sometimes
     * kept it at tier 2, in the Vector API's Java fallback, for good (1024³ at ~52 GFLOP/s instead of ~120).
     */
    static void storeTile(double[] t, double[] c, int ci, int ldc, double alpha, double beta, int mode) {
        if (mode == 0) {
            DoubleVector al = DoubleVector.broadcast(S, alpha);
            for (int r = 0; r < MR; r++) {
                int co = ci + r * ldc;
                for (int v = 0; v < NR; v += L) EXACT.cast(EXACT.cast(DoubleVector.fromArray(S, t, r * NR + v)).mul(al)).intoArray(c, co + v);
            }
            return;
        }
        storeRows7(t, 0, c, ci, ldc, alpha, beta, mode);
        storeRows7(t, 7 * NR, c, ci + 7 * ldc, ldc, alpha, beta, mode);
    }

    /** {@link #storeTile}'s modes 1 and 2 for 7 rows: tile rows from {@code t[ti..]}, C rows from {@code c[ci..]}. */
    static void storeRows7(double[] t, int ti, double[] c, int ci, int ldc, double alpha, double beta, int mode) {
        DoubleVector al = DoubleVector.broadcast(S, alpha);
        int o0 = ci + 0 * ldc; int o1 = ci + 1 * ldc; int o2 = ci + 2 * ldc; int o3 = ci + 3 * ldc; int o4 = ci + 4 * ldc; int o5 = ci + 5 * ldc; int o6 = ci + 6 * ldc;
        DoubleVector x00 = EXACT.cast(DoubleVector.fromArray(S, c, o0 + 0 * L)), x01 = EXACT.cast(DoubleVector.fromArray(S, c, o0 + 1 * L));
        DoubleVector x10 = EXACT.cast(DoubleVector.fromArray(S, c, o1 + 0 * L)), x11 = EXACT.cast(DoubleVector.fromArray(S, c, o1 + 1 * L));
        DoubleVector x20 = EXACT.cast(DoubleVector.fromArray(S, c, o2 + 0 * L)), x21 = EXACT.cast(DoubleVector.fromArray(S, c, o2 + 1 * L));
        DoubleVector x30 = EXACT.cast(DoubleVector.fromArray(S, c, o3 + 0 * L)), x31 = EXACT.cast(DoubleVector.fromArray(S, c, o3 + 1 * L));
        DoubleVector x40 = EXACT.cast(DoubleVector.fromArray(S, c, o4 + 0 * L)), x41 = EXACT.cast(DoubleVector.fromArray(S, c, o4 + 1 * L));
        DoubleVector x50 = EXACT.cast(DoubleVector.fromArray(S, c, o5 + 0 * L)), x51 = EXACT.cast(DoubleVector.fromArray(S, c, o5 + 1 * L));
        DoubleVector x60 = EXACT.cast(DoubleVector.fromArray(S, c, o6 + 0 * L)), x61 = EXACT.cast(DoubleVector.fromArray(S, c, o6 + 1 * L));
        if (mode == 1) {
            DoubleVector be = DoubleVector.broadcast(S, beta);
            x00 = x00.mul(be); x01 = x01.mul(be);
            x10 = x10.mul(be); x11 = x11.mul(be);
            x20 = x20.mul(be); x21 = x21.mul(be);
            x30 = x30.mul(be); x31 = x31.mul(be);
            x40 = x40.mul(be); x41 = x41.mul(be);
            x50 = x50.mul(be); x51 = x51.mul(be);
            x60 = x60.mul(be); x61 = x61.mul(be);
        }
        EXACT.cast(EXACT.cast(DoubleVector.fromArray(S, t, ti + 0 * L)).fma(al, x00)).intoArray(c, o0 + 0 * L); EXACT.cast(EXACT.cast(DoubleVector.fromArray(S, t, ti + 1 * L)).fma(al, x01)).intoArray(c, o0 + 1 * L);
        EXACT.cast(EXACT.cast(DoubleVector.fromArray(S, t, ti + 2 * L)).fma(al, x10)).intoArray(c, o1 + 0 * L); EXACT.cast(EXACT.cast(DoubleVector.fromArray(S, t, ti + 3 * L)).fma(al, x11)).intoArray(c, o1 + 1 * L);
        EXACT.cast(EXACT.cast(DoubleVector.fromArray(S, t, ti + 4 * L)).fma(al, x20)).intoArray(c, o2 + 0 * L); EXACT.cast(EXACT.cast(DoubleVector.fromArray(S, t, ti + 5 * L)).fma(al, x21)).intoArray(c, o2 + 1 * L);
        EXACT.cast(EXACT.cast(DoubleVector.fromArray(S, t, ti + 6 * L)).fma(al, x30)).intoArray(c, o3 + 0 * L); EXACT.cast(EXACT.cast(DoubleVector.fromArray(S, t, ti + 7 * L)).fma(al, x31)).intoArray(c, o3 + 1 * L);
        EXACT.cast(EXACT.cast(DoubleVector.fromArray(S, t, ti + 8 * L)).fma(al, x40)).intoArray(c, o4 + 0 * L); EXACT.cast(EXACT.cast(DoubleVector.fromArray(S, t, ti + 9 * L)).fma(al, x41)).intoArray(c, o4 + 1 * L);
        EXACT.cast(EXACT.cast(DoubleVector.fromArray(S, t, ti + 10 * L)).fma(al, x50)).intoArray(c, o5 + 0 * L); EXACT.cast(EXACT.cast(DoubleVector.fromArray(S, t, ti + 11 * L)).fma(al, x51)).intoArray(c, o5 + 1 * L);
        EXACT.cast(EXACT.cast(DoubleVector.fromArray(S, t, ti + 12 * L)).fma(al, x60)).intoArray(c, o6 + 0 * L); EXACT.cast(EXACT.cast(DoubleVector.fromArray(S, t, ti + 13 * L)).fma(al, x61)).intoArray(c, o6 + 1 * L);
    }
}
