package dev.nabla.tensor.kernel;

import dev.nabla.tensor.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packed, cache-blocked float GEMM on the Vector API (GotoBLAS/BLIS structure): panels of op(B)
 * ({@code kc × NR}) and op(A) ({@code mr × kc}) are packed into contiguous, zero-padded thread-local
 * buffers and multiplied by an mr×({@value #NV}·lanes) register-tiled FMA micro-kernel (mr = {@value #MR_TALL} for a
 * tall C, {@value #MR_SHORT} otherwise) using
 * {@code FloatVector.SPECIES_PREFERRED}. Transposed operands are handled by the packing routines, so no
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
public final class VectorGemmF32 {
    private VectorGemmF32() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** The exact class of {@link #S}'s vectors, for receivers C2 would otherwise type by profile ({@link ExactVectors}). */
    static final Class<? extends FloatVector> EXACT = ExactVectors.classOf(S);
    /**
     * Rows of the tall register tile, used when C has at least {@link #TALL_MIN_M} rows: 14 (28 accumulators with
     * {@link #NV} = 2, plus two B vectors and a broadcast: 31 of AVX-512's 32 registers). Per k step 28 FMAs for 16
     * loads and 17 scalar instructions of loop overhead, against 16 FMAs for the 8-row tile's 10 loads and the same
     * overhead: the micro-kernel alone 172 -> 190 GFLOP/s on one core (FMA peak ~210); two threads, alternated JVMs,
     * 1024³ 244-258 -> 262-274, 784x128x256 255-265 -> 268-295. Its A packers store 16 lanes with stride 14.
     */
    public static final int MR_TALL = 14;
    /**
     * Rows of the short register tile (16 accumulators), for C with fewer than {@link #TALL_MIN_M} rows: 128 rows (the
     * MLP's batch) are 10 tall panels with 9% padding, and the MNIST epoch ran 3% slower with the tall tile there.
     */
    public static final int MR_SHORT = 8;
    /** Fewest rows of C that use the tall tile. */
    static final int TALL_MIN_M = Integer.getInteger("nabla.gemm.tallRows", 512);
    /** Vectors per row of the register tile. */
    public static final int NV = 2;
    /** Columns of the register tile. */
    static final int NR = NV * L;
    /**
     * Largest k block: a B micro-panel (kc × NR) plus an A micro-panel (mr × kc) must fit the 48 KB L1 of
     * current x86 cores, so 288 (k = 1024 runs as 4 blocks of 256, not 3 of 342: +5–7% on 1024³).
     */
    static final int KC_MAX = Integer.getInteger("nabla.gemm.kc32", 288);
    /** Floats a packed A buffer holds past its last panel: room for the 16-lane stores of {@link #packA}. */
    static final int A_SLACK = 16;
    /** Rows of C per A block (MC), rounded down to whole panels. */
    static final int MC_ROWS = Integer.getInteger("nabla.gemm.mc32", 128);
    /** Most elements of packed B held at once (bounds the column block NC). */
    static final int B_MAX = 1 << 21;
    /** Largest packed A (elements) that a column split keeps whole in each thread and balances panel by panel (0: off). */
    static final int BALANCED_A_MAX = Integer.getInteger("nabla.gemm.balancedA", 1 << 17);
    /** Largest packed B (elements) that each thread of a row split packs for itself instead of sharing one copy. */
    static final int OWN_B_MAX = Integer.getInteger("nabla.gemm.ownB", 1 << 16);
    /** Multiply-adds below which a call stays on one thread. */
    static final long PARALLEL_MIN_WORK = 1L << 18;
    /**
     * Half of {@link #PARALLEL_MIN_WORK} suffices when k is at least {@link #PARALLEL_MIN_K}: a classifier head's
     * forward 128x128x10 7.0 against 9.9 µs on two threads, its weight gradient 10x128x128 5.8 against 7.3; with k = 10
     * (the head's input gradient 128x10x128) two threads are slower, 9.2 against 4.4 µs.
     */
    static final int PARALLEL_MIN_K = 64;
    /** Read A in place when a thread's C block is one column panel wide (see {@link #block}). */
    static final boolean DIRECT_A = !Boolean.getBoolean("nabla.gemm.packAlways");
    /** Smallest A (m·k elements) read in place; a smaller one is packed (see {@link #block}). */
    static final int DIRECT_MIN_A = 1 << 14;
    /**
     * Most column panels a thread's C block may have for A to be read in place. 2 makes 128x256x128 alone 12-18%
     * faster, but the MNIST MLP epoch 2% slower (its A, an activation, is no longer in cache there); 4 is worse.
     */
    static final int DIRECT_MAX_PANELS = Integer.getInteger("nabla.gemm.directPanels", 1);
    /** Split strategy: 0 = automatic, 1 = rows of C, 2 = columns of C. */
    static final int SPLIT = Integer.getInteger("nabla.gemm.split", 0);
    /** Row-split chunks per thread: claimed one at a time, so a late-starting thread takes fewer (1024³: ~285 -> ~305 GFLOP/s at 4). */
    static final int ROW_PARTS = Integer.getInteger("nabla.gemm.rowparts", 4);

    private static final class Buffers {
        float[] a = new float[0];
        float[] b = new float[0];
        /** All of A, packed, for {@link #columnPanels}; {@code wholeAFor} is the call it belongs to. */
        float[] wholeA = new float[0];
        Object wholeAFor;
        /** The call whose B this thread's {@code b} holds, when each thread packs its own B. */
        Object packedFor;
        final float[] tmp = new float[MR_TALL * NR];
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C}, same contract as {@code Gemm}; requires
     * {@code m, n, k > 0}. When {@code beta == 0} the old contents of C are ignored.
     */
    public static void gemm(boolean tA, boolean tB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        gemmWithTile(m >= TALL_MIN_M ? MR_TALL : MR_SHORT, tA, tB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * {@link #gemm} with the register tile's height chosen by the caller ({@link #MR_TALL} or {@link #MR_SHORT}), so
     * that tests can check both tiles on any shape. Same results either way: the tile does not change the order in
     * which an element of C accumulates its products.
     */
    public static void gemmWithTile(int mr, boolean tA, boolean tB, int m, int n, int k, float alpha,
                                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                    float beta, float[] c, int cOff, int ldc) {
        if (mr != MR_TALL && mr != MR_SHORT) throw new IllegalArgumentException("gemmWithTile: no " + mr + "-row tile (" + MR_TALL + " or " + MR_SHORT + ")");
        int kBlocks = (k + KC_MAX - 1) / KC_MAX;
        int kcStd = (k + kBlocks - 1) / kBlocks;
        int nPanels = (n + NR - 1) / NR;
        int mPanels = (m + mr - 1) / mr;
        int ncPanels = Math.max(1, Math.min(nPanels, B_MAX / (k * NR)));
        Buffers own = BUFFERS.get();
        int need = k * ncPanels * NR;
        if (own.b.length < need) own.b = new float[need];
        float[] bp = own.b;
        long work = (long) m * n * k;
        boolean parallel = (work >= PARALLEL_MIN_WORK || (work >= PARALLEL_MIN_WORK / 2 && k >= PARALLEL_MIN_K)) && Parallel.threads() > 1;
        int threads = Parallel.threads();
        for (int jc = 0; jc < nPanels; jc += ncPanels) {
            final int jc0 = jc, np = Math.min(ncPanels, nPanels - jc);
            // Rows of C split across threads share the packed B (each core then reads the half the other packed,
            // after one more fork/join); columns each pack their own B panels but all of A. Columns win unless C
            // is taller than wide. Two threads, A/B runs: square C by columns, 128x256x128 ~140 -> ~165 and
            // 1024³ ~236 -> ~250 GFLOP/s, MNIST MLP 784-256-128-10 epoch -3%; tall C by rows, 784x128x256 ~240
            // against ~220, 4096x256x64 ~200 against ~120, and the 784-800-10 MLP's dW (800x128x784) 8% faster.
            boolean splitRows = SPLIT == 1 || (SPLIT == 0 && mPanels * mr > np * NR);
            if (!parallel) {
                packB(tB, n, k, kcStd, b, bOff, ldb, bp, jc0, np, 0, np);
                block(mr, tA, m, n, k, kcStd, alpha, a, aOff, lda, beta, c, cOff, ldc, bp, jc0, np, 0, mPanels, 0, np);
            } else if (splitRows && k * np * NR <= OWN_B_MAX) {
                // A small B (a classifier head's weights): every thread packs its own copy before its first rows,
                // instead of reading the one packed by another core, which costs more than packing (128x800x10:
                // 67 -> ~40 µs; 128x800x32 did not scale at all across two cores before).
                Object call = new Object();
                int needB = k * np * NR;
                Parallel.forParts(mPanels, ROW_PARTS * threads, (s, e) -> {
                    Buffers mine = BUFFERS.get();
                    if (mine.packedFor != call) {
                        if (mine.b.length < needB) mine.b = new float[needB];
                        packB(tB, n, k, kcStd, b, bOff, ldb, mine.b, jc0, np, 0, np);
                        mine.packedFor = call;
                    }
                    block(mr, tA, m, n, k, kcStd, alpha, a, aOff, lda, beta, c, cOff, ldc, mine.b, jc0, np, s, e, 0, np);
                });
            } else if (splitRows) {
                Parallel.forRange(np, 1, (s, e) -> packB(tB, n, k, kcStd, b, bOff, ldb, bp, jc0, np, s, e));
                Parallel.forParts(mPanels, ROW_PARTS * threads, (s, e) ->
                        block(mr, tA, m, n, k, kcStd, alpha, a, aOff, lda, beta, c, cOff, ldc, bp, jc0, np, s, e, 0, np));
            } else if ((long) mPanels * mr * k <= BALANCED_A_MAX && np >= 2 * threads) {
                // A small enough to keep packed whole in each thread: column panels are claimed one at a time, so a
                // thread that finishes early takes over the other's last panels instead of waiting at the join.
                Object call = new Object();
                Parallel.forParts(np, np, (s, e) -> columnPanels(mr, tA, tB, m, n, k, kcStd, mPanels, alpha, a, aOff, lda,
                        b, bOff, ldb, beta, c, cOff, ldc, jc0 + s, e - s, call));
            } else {
                Parallel.forRange(np, 1, (s, e) -> {
                    packB(tB, n, k, kcStd, b, bOff, ldb, bp, jc0, np, s, e);
                    block(mr, tA, m, n, k, kcStd, alpha, a, aOff, lda, beta, c, cOff, ldc, bp, jc0, np, 0, mPanels, s, e);
                });
            }
        }
    }

    /** Packs column panels [s, e) (relative to jc0) of op(B), all of k, into bp. */
    static void packB(boolean tB, int n, int k, int kcStd, float[] b, int bOff, int ldb, float[] bp,
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
                            EXACT.cast(FloatVector.fromArray(S, b, src + 0 * L)).intoArray(bp, d + 0 * L);
                            EXACT.cast(FloatVector.fromArray(S, b, src + 1 * L)).intoArray(bp, d + 1 * L);
                        }
                    } else {
                        for (int p = 0, d = d0; p < kc; p++, d += NR, src += ldb) {
                            for (int jj = 0; jj < w; jj++) bp[d + jj] = b[src + jj];
                            for (int jj = w; jj < NR; jj++) bp[d + jj] = 0;
                        }
                    }
                } else if (w == NR) {
                    packBTransposedPanel(b, bOff + j0 * ldb + pc, ldb, kc, bp, d0);
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

    /**
     * Packs one full panel of a transposed B: {@code bp[d0 + p*NR + jj] = b[src0 + jj*ldb + p]} for
     * {@code p < kc}, {@code jj < NR}. With 16 lanes, each k step is two 16-lane gathers down the panel's
     * columns (rows of the stored B); otherwise a scalar copy in 8-row chunks that keeps source and destination
     * lines in L1. The gathers replaced a 16×16 in-register transpose ({@link #transposeStore16}, still used for
     * A; the transposing B packer was removed): 128x784x256 Wᵀ's 8 panels packed in 48 against 68 µs on JDK 17, whose every {@code rearrange} re-checks
     * its shuffle's indexes, and in 34 against 50 µs on JDK 25.
     */
    static void packBTransposedPanel(float[] b, int src0, int ldb, int kc, float[] bp, int d0) {
        int p = 0;
        if (L == 16) { // NR = 32: two gathers per k step
            int[] rows = new int[16];
            for (int j = 0; j < 16; j++) rows[j] = j * ldb;
            int hi = src0 + 16 * ldb;
            for (; p < kc; p++) {
                EXACT.cast(FloatVector.fromArray(S, b, src0 + p, rows, 0)).intoArray(bp, d0 + p * NR);
                EXACT.cast(FloatVector.fromArray(S, b, hi + p, rows, 0)).intoArray(bp, d0 + p * NR + 16);
            }
            return;
        }
        for (; p + 8 <= kc; p += 8) {
            int d = d0 + p * NR;
            for (int jj = 0; jj < NR; jj++) {
                int s = src0 + jj * ldb + p, e = d + jj;
                float x0 = b[s], x1 = b[s + 1], x2 = b[s + 2], x3 = b[s + 3], x4 = b[s + 4], x5 = b[s + 5], x6 = b[s + 6], x7 = b[s + 7];
                bp[e] = x0; bp[e + NR] = x1; bp[e + 2 * NR] = x2; bp[e + 3 * NR] = x3;
                bp[e + 4 * NR] = x4; bp[e + 5 * NR] = x5; bp[e + 6 * NR] = x6; bp[e + 7 * NR] = x7;
            }
        }
        for (; p < kc; p++) {
            int d = d0 + p * NR;
            for (int jj = 0; jj < NR; jj++) bp[d + jj] = b[src0 + jj * ldb + p];
        }
    }

    /**
     * Transposes the 16×16 block {@code src[s0 + i*ld + j]} (i, j < 16) in registers (4 stages of lane rotation and
     * blend) and stores its column j, the 16 values of row 0..15, at {@code dst[d + j*stride]}, j increasing. Rows past
     * {@code lastRow} (13, 14 or 15) repeat it and are not read. With a stride under 16 each store writes
     * {@code 16 - stride} floats into the next column's place, which the next store overwrites: the last one
     * needs that much room after it. Needs 16 lanes.
     */
    static void transposeStore16(float[] src, int s0, int ld, int lastRow, float[] dst, int d, int stride) {
        VectorShuffle<Float> u0 = UP8, u1 = UP4, u2 = UP2, u3 = UP1, w0 = DN8, w1 = DN4, w2 = DN2, w3 = DN1;
        VectorMask<Float> m0 = HI8, m1 = HI4, m2 = HI2, m3 = HI1, n0 = LO8, n1 = LO4, n2 = LO2, n3 = LO1;
        FloatVector r0 = EXACT.cast(FloatVector.fromArray(S, src, s0 + 0 * ld));
        FloatVector r1 = EXACT.cast(FloatVector.fromArray(S, src, s0 + 1 * ld));
        FloatVector r2 = EXACT.cast(FloatVector.fromArray(S, src, s0 + 2 * ld));
        FloatVector r3 = EXACT.cast(FloatVector.fromArray(S, src, s0 + 3 * ld));
        FloatVector r4 = EXACT.cast(FloatVector.fromArray(S, src, s0 + 4 * ld));
        FloatVector r5 = EXACT.cast(FloatVector.fromArray(S, src, s0 + 5 * ld));
        FloatVector r6 = EXACT.cast(FloatVector.fromArray(S, src, s0 + 6 * ld));
        FloatVector r7 = EXACT.cast(FloatVector.fromArray(S, src, s0 + 7 * ld));
        FloatVector r8 = EXACT.cast(FloatVector.fromArray(S, src, s0 + 8 * ld));
        FloatVector r9 = EXACT.cast(FloatVector.fromArray(S, src, s0 + 9 * ld));
        FloatVector r10 = EXACT.cast(FloatVector.fromArray(S, src, s0 + 10 * ld));
        FloatVector r11 = EXACT.cast(FloatVector.fromArray(S, src, s0 + 11 * ld));
        FloatVector r12 = EXACT.cast(FloatVector.fromArray(S, src, s0 + 12 * ld));
        FloatVector r13 = EXACT.cast(FloatVector.fromArray(S, src, s0 + 13 * ld));
        FloatVector r14 = EXACT.cast(lastRow >= 14 ? FloatVector.fromArray(S, src, s0 + 14 * ld) : r13);
        FloatVector r15 = EXACT.cast(lastRow >= 15 ? FloatVector.fromArray(S, src, s0 + 15 * ld) : r14);
        FloatVector t0 = r0.blend(r8.rearrange(u0), m0), t1 = r8.blend(r0.rearrange(w0), n0);
        FloatVector t2 = r1.blend(r9.rearrange(u0), m0), t3 = r9.blend(r1.rearrange(w0), n0);
        FloatVector t4 = r2.blend(r10.rearrange(u0), m0), t5 = r10.blend(r2.rearrange(w0), n0);
        FloatVector t6 = r3.blend(r11.rearrange(u0), m0), t7 = r11.blend(r3.rearrange(w0), n0);
        FloatVector t8 = r4.blend(r12.rearrange(u0), m0), t9 = r12.blend(r4.rearrange(w0), n0);
        FloatVector t10 = r5.blend(r13.rearrange(u0), m0), t11 = r13.blend(r5.rearrange(w0), n0);
        FloatVector t12 = r6.blend(r14.rearrange(u0), m0), t13 = r14.blend(r6.rearrange(w0), n0);
        FloatVector t14 = r7.blend(r15.rearrange(u0), m0), t15 = r15.blend(r7.rearrange(w0), n0);
        FloatVector t16 = t0.blend(t8.rearrange(u1), m1), t17 = t8.blend(t0.rearrange(w1), n1);
        FloatVector t18 = t2.blend(t10.rearrange(u1), m1), t19 = t10.blend(t2.rearrange(w1), n1);
        FloatVector t20 = t4.blend(t12.rearrange(u1), m1), t21 = t12.blend(t4.rearrange(w1), n1);
        FloatVector t22 = t6.blend(t14.rearrange(u1), m1), t23 = t14.blend(t6.rearrange(w1), n1);
        FloatVector t24 = t1.blend(t9.rearrange(u1), m1), t25 = t9.blend(t1.rearrange(w1), n1);
        FloatVector t26 = t3.blend(t11.rearrange(u1), m1), t27 = t11.blend(t3.rearrange(w1), n1);
        FloatVector t28 = t5.blend(t13.rearrange(u1), m1), t29 = t13.blend(t5.rearrange(w1), n1);
        FloatVector t30 = t7.blend(t15.rearrange(u1), m1), t31 = t15.blend(t7.rearrange(w1), n1);
        FloatVector t32 = t16.blend(t20.rearrange(u2), m2), t33 = t20.blend(t16.rearrange(w2), n2);
        FloatVector t34 = t18.blend(t22.rearrange(u2), m2), t35 = t22.blend(t18.rearrange(w2), n2);
        FloatVector t36 = t17.blend(t21.rearrange(u2), m2), t37 = t21.blend(t17.rearrange(w2), n2);
        FloatVector t38 = t19.blend(t23.rearrange(u2), m2), t39 = t23.blend(t19.rearrange(w2), n2);
        FloatVector t40 = t24.blend(t28.rearrange(u2), m2), t41 = t28.blend(t24.rearrange(w2), n2);
        FloatVector t42 = t26.blend(t30.rearrange(u2), m2), t43 = t30.blend(t26.rearrange(w2), n2);
        FloatVector t44 = t25.blend(t29.rearrange(u2), m2), t45 = t29.blend(t25.rearrange(w2), n2);
        FloatVector t46 = t27.blend(t31.rearrange(u2), m2), t47 = t31.blend(t27.rearrange(w2), n2);
        FloatVector t48 = t32.blend(t34.rearrange(u3), m3), t49 = t34.blend(t32.rearrange(w3), n3);
        FloatVector t50 = t33.blend(t35.rearrange(u3), m3), t51 = t35.blend(t33.rearrange(w3), n3);
        FloatVector t52 = t36.blend(t38.rearrange(u3), m3), t53 = t38.blend(t36.rearrange(w3), n3);
        FloatVector t54 = t37.blend(t39.rearrange(u3), m3), t55 = t39.blend(t37.rearrange(w3), n3);
        FloatVector t56 = t40.blend(t42.rearrange(u3), m3), t57 = t42.blend(t40.rearrange(w3), n3);
        FloatVector t58 = t41.blend(t43.rearrange(u3), m3), t59 = t43.blend(t41.rearrange(w3), n3);
        FloatVector t60 = t44.blend(t46.rearrange(u3), m3), t61 = t46.blend(t44.rearrange(w3), n3);
        FloatVector t62 = t45.blend(t47.rearrange(u3), m3), t63 = t47.blend(t45.rearrange(w3), n3);
        EXACT.cast(t48).intoArray(dst, d + 0 * stride); EXACT.cast(t49).intoArray(dst, d + 1 * stride);
        EXACT.cast(t50).intoArray(dst, d + 2 * stride); EXACT.cast(t51).intoArray(dst, d + 3 * stride);
        EXACT.cast(t52).intoArray(dst, d + 4 * stride); EXACT.cast(t53).intoArray(dst, d + 5 * stride);
        EXACT.cast(t54).intoArray(dst, d + 6 * stride); EXACT.cast(t55).intoArray(dst, d + 7 * stride);
        EXACT.cast(t56).intoArray(dst, d + 8 * stride); EXACT.cast(t57).intoArray(dst, d + 9 * stride);
        EXACT.cast(t58).intoArray(dst, d + 10 * stride); EXACT.cast(t59).intoArray(dst, d + 11 * stride);
        EXACT.cast(t60).intoArray(dst, d + 12 * stride); EXACT.cast(t61).intoArray(dst, d + 13 * stride);
        EXACT.cast(t62).intoArray(dst, d + 14 * stride); EXACT.cast(t63).intoArray(dst, d + 15 * stride);
    }

    // Lane rotations by h (lane l takes x[l-h] / x[l+h]) and the masks of lanes whose bit h is set, used by
    // the 16x16 in-register transpose (only built when the preferred species has 16 float lanes).
    private static final VectorShuffle<Float> UP8 = rot(-8), UP4 = rot(-4), UP2 = rot(-2), UP1 = rot(-1),
            DN8 = rot(8), DN4 = rot(4), DN2 = rot(2), DN1 = rot(1);
    private static final VectorMask<Float> HI8 = bit(8, true), HI4 = bit(4, true), HI2 = bit(2, true), HI1 = bit(1, true),
            LO8 = bit(8, false), LO4 = bit(4, false), LO2 = bit(2, false), LO1 = bit(1, false);

    private static VectorShuffle<Float> rot(int by) {
        return L == 16 ? VectorShuffle.fromOp(S, l -> Math.floorMod(l + by, 16)) : null;
    }

    private static VectorMask<Float> bit(int h, boolean set) {
        if (L != 16) return null;
        boolean[] m = new boolean[16];
        for (int l = 0; l < 16; l++) m[l] = ((l & h) != 0) == set;
        return VectorMask.fromArray(S, m, 0);
    }

    /**
     * Interleaves 8 full rows of A for the packed layout, {@code ap[d0 + p*8 + r] = a[src0 + r*lda + p]}, 16
     * columns at a time in registers: one lane permutation per row, then three stages that exchange a row
     * bit with a lane bit. Returns how many columns it packed (a multiple of 16); needs 16 lanes; for the 8-row tile.
     */
    static int packARowsInterleaved(float[] a, int src0, int lda, int kc, float[] ap, int d0) {
        VectorShuffle<Float> perm = A_PERM, u4 = UP4, u2 = UP2, u1 = UP1, w4 = DN4, w2 = DN2, w1 = DN1;
        VectorMask<Float> m4 = HI4, m2 = HI2, m1 = HI1, n4 = LO4, n2 = LO2, n1 = LO1;
        int p = 0;
        for (; p + 16 <= kc; p += 16) {
            int s = src0 + p;
            FloatVector r0 = EXACT.cast(FloatVector.fromArray(S, a, s + 0 * lda)).rearrange(perm);
            FloatVector r1 = EXACT.cast(FloatVector.fromArray(S, a, s + 1 * lda)).rearrange(perm);
            FloatVector r2 = EXACT.cast(FloatVector.fromArray(S, a, s + 2 * lda)).rearrange(perm);
            FloatVector r3 = EXACT.cast(FloatVector.fromArray(S, a, s + 3 * lda)).rearrange(perm);
            FloatVector r4 = EXACT.cast(FloatVector.fromArray(S, a, s + 4 * lda)).rearrange(perm);
            FloatVector r5 = EXACT.cast(FloatVector.fromArray(S, a, s + 5 * lda)).rearrange(perm);
            FloatVector r6 = EXACT.cast(FloatVector.fromArray(S, a, s + 6 * lda)).rearrange(perm);
            FloatVector r7 = EXACT.cast(FloatVector.fromArray(S, a, s + 7 * lda)).rearrange(perm);
            FloatVector t0 = r0.blend(r4.rearrange(u4), m4), t1 = r4.blend(r0.rearrange(w4), n4);
            FloatVector t2 = r1.blend(r5.rearrange(u4), m4), t3 = r5.blend(r1.rearrange(w4), n4);
            FloatVector t4 = r2.blend(r6.rearrange(u4), m4), t5 = r6.blend(r2.rearrange(w4), n4);
            FloatVector t6 = r3.blend(r7.rearrange(u4), m4), t7 = r7.blend(r3.rearrange(w4), n4);
            FloatVector t8 = t0.blend(t4.rearrange(u2), m2), t9 = t4.blend(t0.rearrange(w2), n2);
            FloatVector t10 = t2.blend(t6.rearrange(u2), m2), t11 = t6.blend(t2.rearrange(w2), n2);
            FloatVector t12 = t1.blend(t5.rearrange(u2), m2), t13 = t5.blend(t1.rearrange(w2), n2);
            FloatVector t14 = t3.blend(t7.rearrange(u2), m2), t15 = t7.blend(t3.rearrange(w2), n2);
            FloatVector t16 = t8.blend(t10.rearrange(u1), m1), t17 = t10.blend(t8.rearrange(w1), n1);
            FloatVector t18 = t9.blend(t11.rearrange(u1), m1), t19 = t11.blend(t9.rearrange(w1), n1);
            FloatVector t20 = t12.blend(t14.rearrange(u1), m1), t21 = t14.blend(t12.rearrange(w1), n1);
            FloatVector t22 = t13.blend(t15.rearrange(u1), m1), t23 = t15.blend(t13.rearrange(w1), n1);
            int d = d0 + p * 8;
            EXACT.cast(t16).intoArray(ap, d + 0 * 16); EXACT.cast(t17).intoArray(ap, d + 1 * 16);
            EXACT.cast(t18).intoArray(ap, d + 2 * 16); EXACT.cast(t19).intoArray(ap, d + 3 * 16);
            EXACT.cast(t20).intoArray(ap, d + 4 * 16); EXACT.cast(t21).intoArray(ap, d + 5 * 16);
            EXACT.cast(t22).intoArray(ap, d + 6 * 16); EXACT.cast(t23).intoArray(ap, d + 7 * 16);
        }
        return p;
    }

    /** Lane L takes lane ((L & 7) << 1) | (L >> 3): moves the low column bit to the top lane bit. */
    private static final VectorShuffle<Float> A_PERM = L == 16 ? VectorShuffle.fromOp(S, l -> ((l & 7) << 1) | (l >> 3)) : null;

    /**
     * Packs two full row panels of a transposed A at once: {@code ap[d0 + p*8 + r] = a[src0 + p*lda + r]} and
     * {@code ap[d0 + 8*kc + p*8 + r] = a[src0 + p*lda + 8 + r]}. One 16-lane load covers both panels' rows at one
     * k; two k steps are paired by a lane rotation and blend, so every store writes 16 packed floats
     * (1024³ Xᵀ·Y: packing was 16% of the time as scalar copies of 8). Needs 16 lanes; for the 8-row tile.
     */
    static void packATransposedPair(float[] a, int src0, int lda, int kc, float[] ap, int d0) {
        VectorShuffle<Float> u8 = UP8, w8 = DN8;
        VectorMask<Float> hi = HI8, lo = LO8;
        int d1 = d0 + 8 * kc;
        int p = 0;
        for (; p + 2 <= kc; p += 2) {
            int s = src0 + p * lda;
            FloatVector r0 = EXACT.cast(FloatVector.fromArray(S, a, s));
            FloatVector r1 = EXACT.cast(FloatVector.fromArray(S, a, s + lda));
            EXACT.cast(r0.blend(r1.rearrange(u8), hi)).intoArray(ap, d0 + p * 8);
            EXACT.cast(r1.blend(r0.rearrange(w8), lo)).intoArray(ap, d1 + p * 8);
        }
        for (; p < kc; p++) {
            int s = src0 + p * lda;
            for (int r = 0; r < 8; r++) {
                ap[d0 + p * 8 + r] = a[s + r];
                ap[d1 + p * 8 + r] = a[s + 8 + r];
            }
        }
    }

    /** Packs row panels [ip0, ip1) of op(A), k range [pc, pc+kc), into ap (panel-major, mr interleaved). */
    static void packA(int mr, boolean tA, int m, int pc, int kc, float[] a, int aOff, int lda, float[] ap, int ip0, int ip1) {
        packA(mr, tA, m, pc, kc, a, aOff, lda, ap, 0, ip0, ip1);
    }

    /** As {@link #packA(int, boolean, int, int, int, float[], int, int, float[], int, int)}, into ap from {@code apOff}. */
    static void packA(int mr, boolean tA, int m, int pc, int kc, float[] a, int aOff, int lda, float[] ap, int apOff, int ip0, int ip1) {
        for (int ip = ip0; ip < ip1; ip++) {
            int i0 = ip * mr;
            int d0 = apOff + (ip - ip0) * mr * kc;
            int h = Math.min(mr, m - i0);
            if (!tA) {
                int p0 = 0;
                if (h == mr && L == 16 && mr == MR_SHORT) {
                    p0 = packARowsInterleaved(a, aOff + i0 * lda + pc, lda, kc, ap, d0);
                } else if (h == mr && L == 16) {
                    // 16 k at a time: rows 0..13 and 13 again transposed in registers, each k's 16 values stored with
                    // stride 14 (the two extra floats are overwritten by the next k, or by the tail loop below)
                    for (; p0 + 16 <= kc; p0 += 16) transposeStore16(a, aOff + i0 * lda + pc + p0, lda, mr - 1, ap, d0 + p0 * mr, mr);
                }
                for (int r = 0; r < mr; r++) {
                    int d = d0 + r + p0 * mr;
                    if (r < h) {
                        int src = aOff + (i0 + r) * lda + pc;
                        for (int p = p0; p < kc; p++, d += mr) ap[d] = a[src + p];
                    } else {
                        for (int p = p0; p < kc; p++, d += mr) ap[d] = 0;
                    }
                }
            } else {
                int src = aOff + pc * lda + i0;
                if (h == mr && mr == MR_SHORT && L == 16 && ip + 1 < ip1 && i0 + 2 * mr <= m) {
                    packATransposedPair(a, src, lda, kc, ap, d0);
                    ip++; // this call packed panel ip + 1 too
                } else if (h == mr) {
                    int p = 0, d = d0;
                    // tall tile: one 16-lane copy per k; its two extra floats land where the next k's row 0 and 1 go
                    if (mr == MR_TALL && L == 16) {
                        for (; p < kc && src + 16 <= a.length; p++, d += mr, src += lda) EXACT.cast(FloatVector.fromArray(S, a, src)).intoArray(ap, d);
                    }
                    for (; p < kc; p++, d += mr, src += lda) {
                        for (int r = 0; r < mr; r++) ap[d + r] = a[src + r];
                    }
                } else {
                    for (int p = 0, d = d0; p < kc; p++, d += mr, src += lda) {
                        for (int r = 0; r < h; r++) ap[d + r] = a[src + r];
                        for (int r = h; r < mr; r++) ap[d + r] = 0;
                    }
                }
            }
        }
    }

    /**
     * All of C's rows for column panels [jc, jc + np) (absolute panel indices), with this thread's copy of all of A
     * packed once per {@code call} (k block by k block: block {@code pc} starts at {@code pc·mPanels·mr}). Each tile
     * accumulates its k blocks in increasing order on this thread, as in {@link #block}.
     */
    static void columnPanels(int mr, boolean tA, boolean tB, int m, int n, int k, int kcStd, int mPanels, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
                             float[] c, int cOff, int ldc, int jc, int np, Object call) {
        Buffers buf = BUFFERS.get();
        if (buf.wholeAFor != call) {
            int needA = mPanels * mr * k + A_SLACK;
            if (buf.wholeA.length < needA) buf.wholeA = new float[needA];
            for (int pc = 0; pc < k; pc += kcStd) packA(mr, tA, m, pc, Math.min(kcStd, k - pc), a, aOff, lda, buf.wholeA, pc * mPanels * mr, 0, mPanels);
            buf.wholeAFor = call;
        }
        int needB = k * np * NR;
        if (buf.b.length < needB) buf.b = new float[needB];
        float[] bp = buf.b, ap = buf.wholeA, tmp = buf.tmp;
        packB(tB, n, k, kcStd, b, bOff, ldb, bp, jc, np, 0, np);
        for (int pc = 0; pc < k; pc += kcStd) {
            int kc = Math.min(kcStd, k - pc);
            int mode = pc > 0 ? 2 : (beta == 0 ? 0 : 1);
            int aBase = pc * mPanels * mr;
            for (int jp = 0; jp < np; jp++) {
                int j0 = (jc + jp) * NR;
                int bi = pc * np * NR + jp * kc * NR;
                boolean fullN = j0 + NR <= n;
                for (int ip = 0; ip < mPanels; ip++) {
                    int i0 = ip * mr;
                    kernel(mr, kc, ap, aBase + ip * mr * kc, bp, bi, tmp);
                    if (fullN && i0 + mr <= m) storeTile(mr, tmp, c, cOff + i0 * ldc + j0, ldc, alpha, beta, mode);
                    else storePartialTile(tmp, c, cOff, ldc, i0, j0, Math.min(mr, m - i0), Math.min(NR, n - j0), alpha, beta, mode);
                }
            }
        }
    }

    /**
     * Row panels per block of A for {@code panels} row panels, about {@code target} each: the fewest blocks of at
     * most 1.25 × target, evened out. Each block streams all of B's packed panels once, so a small remainder
     * block (a part of 10 panels as 9 + 1) costs a whole pass over B for little work: 10 panels are one block.
     */
    static int rowBlockPanels(int panels, int target) {
        if (panels <= 0) return Math.max(1, target);
        int blocks = Math.max(1, (int) Math.ceil(panels / (1.25 * target)));
        return (panels + blocks - 1) / blocks;
    }

    /** Computes the C tiles of row panels [mp0, mp1) × column panels [jp0, jp1) (relative to jc0). */
    static void block(int mr, boolean tA, int m, int n, int k, int kcStd, float alpha, float[] a, int aOff, int lda,
                      float beta, float[] c, int cOff, int ldc, float[] bp, int jc0, int np,
                      int mp0, int mp1, int jp0, int jp1) {
        Buffers buf = BUFFERS.get();
        int mcPanels = rowBlockPanels(mp1 - mp0, Math.max(1, MC_ROWS / mr));
        int needA = Math.min(mcPanels, mp1 - mp0) * mr * Math.min(kcStd, k) + A_SLACK;
        if (buf.a.length < needA) buf.a = new float[needA];
        float[] ap = buf.a;
        float[] tmp = buf.tmp;
        // Row blocks outermost: a block's C tiles are revisited for every k block while still in L2 (one thread,
        // 1024³: ~120 -> ~135 GFLOP/s); each tile still accumulates its k blocks in increasing order.
        for (int ic = mp0; ic < mp1; ic += mcPanels) {
            int icEnd = Math.min(mp1, ic + mcPanels);
            for (int pc = 0; pc < k; pc += kcStd) {
                int kc = Math.min(kcStd, k - pc);
                int mode = pc > 0 ? 2 : (beta == 0 ? 0 : 1);
                int blockBase = pc * np * NR;
                // One column panel (a narrow C, such as a classifier's 10 logits): each A panel would be used once, so
                // packing it costs more than it saves; full row panels then read A in place (128x800x10: ~83 -> ~40 µs).
                // Not for a small A, where packing costs nothing: a micrograd-size network's GEMMs keep the packed path
                // (switching paths after an MLP had trained made its first 100 steps 0.02 -> 0.04 s while C2 recompiled).
                boolean direct = jp1 - jp0 <= DIRECT_MAX_PANELS && DIRECT_A && (long) m * k >= DIRECT_MIN_A;
                if (!direct) packA(mr, tA, m, pc, kc, a, aOff, lda, ap, ic, icEnd);
                for (int jp = jp0; jp < jp1; jp++) {
                    int j0 = (jc0 + jp) * NR;
                    int bi = blockBase + jp * kc * NR;
                    boolean fullN = j0 + NR <= n;
                    for (int ip = ic; ip < icEnd; ip++) {
                        int i0 = ip * mr;
                        int ai = (ip - ic) * mr * kc;
                        if (!direct) kernel(mr, kc, ap, ai, bp, bi, tmp);
                        else if (i0 + mr > m) { packA(mr, tA, m, pc, kc, a, aOff, lda, ap, ip, ip + 1); kernel(mr, kc, ap, 0, bp, bi, tmp); }
                        else if (tA) kernelColumnsOfA(mr, kc, a, aOff + pc * lda + i0, lda, bp, bi, tmp);
                        else kernelRowsOfA(mr, kc, a, aOff + i0 * lda + pc, lda, bp, bi, tmp);
                        if (fullN && i0 + mr <= m) storeTile(mr, tmp, c, cOff + i0 * ldc + j0, ldc, alpha, beta, mode);
                        else storePartialTile(tmp, c, cOff, ldc, i0, j0, Math.min(mr, m - i0), Math.min(NR, n - j0), alpha, beta, mode);
                    }
                }
            }
        }
    }

    /** The micro-kernel for an {@code mr}-row tile ({@link #kernel14} or {@link #kernel8}). */
    static void kernel(int mr, int kc, float[] ap, int ai, float[] bp, int bi, float[] t) {
        if (mr == MR_TALL) kernel14(kc, ap, ai, bp, bi, t);
        else kernel8(kc, ap, ai, bp, bi, t);
    }

    /** The in-place micro-kernel for a non-transposed A and an {@code mr}-row tile. */
    static void kernelRowsOfA(int mr, int kc, float[] a, int ai, int lda, float[] bp, int bi, float[] t) {
        if (mr == MR_TALL) kernelRowsOfA14(kc, a, ai, lda, bp, bi, t);
        else kernelRowsOfA8(kc, a, ai, lda, bp, bi, t);
    }

    /** The in-place micro-kernel for a transposed A and an {@code mr}-row tile. */
    static void kernelColumnsOfA(int mr, int kc, float[] a, int ai, int lda, float[] bp, int bi, float[] t) {
        if (mr == MR_TALL) kernelColumnsOfA14(kc, a, ai, lda, bp, bi, t);
        else kernelColumnsOfA8(kc, a, ai, lda, bp, bi, t);
    }

    /**
     * Writes a full {@code mr}-row tile: mode 0: {@code c = alpha*acc}, row by row here; 1: {@code c = fma(acc, alpha,
     * beta*c)} and 2: {@code c = fma(acc, alpha, c)} in {@link #storeTile14} or {@link #storeTile8}, which read C first.
     */
    static void storeTile(int mr, float[] t, float[] c, int ci, int ldc, float alpha, float beta, int mode) {
        if (mode == 0) {
            FloatVector al = FloatVector.broadcast(S, alpha);
            for (int r = 0; r < mr; r++) {
                int co = ci + r * ldc;
                for (int v = 0; v < NR; v += L) EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, r * NR + v)).mul(al)).intoArray(c, co + v);
            }
        } else if (mr == MR_TALL) {
            storeTile14(t, c, ci, ldc, alpha, beta, mode);
        } else {
            storeTile8(t, c, ci, ldc, alpha, beta, mode);
        }
    }

    /**
     * 14 × NR micro-kernel over one k block: accumulates {@code sum_p A(r,p) B(p,c)} (FMA, increasing p) into
     * the tile buffer {@code t} (row-major 14 × NR). Kept small (no store logic) so that every JIT tier can
     * compile it.
     */
    static void kernel14(int kc, float[] ap, int ai, float[] bp, int bi, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z; FloatVector c0_1 = z; FloatVector c1_0 = z; FloatVector c1_1 = z; FloatVector c2_0 = z; FloatVector c2_1 = z; FloatVector c3_0 = z; FloatVector c3_1 = z; FloatVector c4_0 = z; FloatVector c4_1 = z; FloatVector c5_0 = z; FloatVector c5_1 = z; FloatVector c6_0 = z; FloatVector c6_1 = z; FloatVector c7_0 = z; FloatVector c7_1 = z; FloatVector c8_0 = z; FloatVector c8_1 = z; FloatVector c9_0 = z; FloatVector c9_1 = z; FloatVector c10_0 = z; FloatVector c10_1 = z; FloatVector c11_0 = z; FloatVector c11_1 = z; FloatVector c12_0 = z; FloatVector c12_1 = z; FloatVector c13_0 = z; FloatVector c13_1 = z;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai + 0]);
            c0_0 = a0.fma(b0, c0_0); c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = a1.fma(b0, c1_0); c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = a2.fma(b0, c2_0); c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = a3.fma(b0, c3_0); c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
            c4_0 = a4.fma(b0, c4_0); c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
            c5_0 = a5.fma(b0, c5_0); c5_1 = a5.fma(b1, c5_1);
            FloatVector a6 = FloatVector.broadcast(S, ap[ai + 6]);
            c6_0 = a6.fma(b0, c6_0); c6_1 = a6.fma(b1, c6_1);
            FloatVector a7 = FloatVector.broadcast(S, ap[ai + 7]);
            c7_0 = a7.fma(b0, c7_0); c7_1 = a7.fma(b1, c7_1);
            FloatVector a8 = FloatVector.broadcast(S, ap[ai + 8]);
            c8_0 = a8.fma(b0, c8_0); c8_1 = a8.fma(b1, c8_1);
            FloatVector a9 = FloatVector.broadcast(S, ap[ai + 9]);
            c9_0 = a9.fma(b0, c9_0); c9_1 = a9.fma(b1, c9_1);
            FloatVector a10 = FloatVector.broadcast(S, ap[ai + 10]);
            c10_0 = a10.fma(b0, c10_0); c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, ap[ai + 11]);
            c11_0 = a11.fma(b0, c11_0); c11_1 = a11.fma(b1, c11_1);
            FloatVector a12 = FloatVector.broadcast(S, ap[ai + 12]);
            c12_0 = a12.fma(b0, c12_0); c12_1 = a12.fma(b1, c12_1);
            FloatVector a13 = FloatVector.broadcast(S, ap[ai + 13]);
            c13_0 = a13.fma(b0, c13_0); c13_1 = a13.fma(b1, c13_1);
            ai += 14;
            bi += NR;
        }
        EXACT.cast(c0_0).intoArray(t, 0 * L); EXACT.cast(c0_1).intoArray(t, 1 * L);
        EXACT.cast(c1_0).intoArray(t, 2 * L); EXACT.cast(c1_1).intoArray(t, 3 * L);
        EXACT.cast(c2_0).intoArray(t, 4 * L); EXACT.cast(c2_1).intoArray(t, 5 * L);
        EXACT.cast(c3_0).intoArray(t, 6 * L); EXACT.cast(c3_1).intoArray(t, 7 * L);
        EXACT.cast(c4_0).intoArray(t, 8 * L); EXACT.cast(c4_1).intoArray(t, 9 * L);
        EXACT.cast(c5_0).intoArray(t, 10 * L); EXACT.cast(c5_1).intoArray(t, 11 * L);
        EXACT.cast(c6_0).intoArray(t, 12 * L); EXACT.cast(c6_1).intoArray(t, 13 * L);
        EXACT.cast(c7_0).intoArray(t, 14 * L); EXACT.cast(c7_1).intoArray(t, 15 * L);
        EXACT.cast(c8_0).intoArray(t, 16 * L); EXACT.cast(c8_1).intoArray(t, 17 * L);
        EXACT.cast(c9_0).intoArray(t, 18 * L); EXACT.cast(c9_1).intoArray(t, 19 * L);
        EXACT.cast(c10_0).intoArray(t, 20 * L); EXACT.cast(c10_1).intoArray(t, 21 * L);
        EXACT.cast(c11_0).intoArray(t, 22 * L); EXACT.cast(c11_1).intoArray(t, 23 * L);
        EXACT.cast(c12_0).intoArray(t, 24 * L); EXACT.cast(c12_1).intoArray(t, 25 * L);
        EXACT.cast(c13_0).intoArray(t, 26 * L); EXACT.cast(c13_1).intoArray(t, 27 * L);
    }

    /** {@link #kernel14} reading A in place: row r of the tile is {@code a[ai + r*lda + p]} (A not transposed). */
    static void kernelRowsOfA14(int kc, float[] a, int ai, int lda, float[] bp, int bi, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z; FloatVector c0_1 = z; FloatVector c1_0 = z; FloatVector c1_1 = z; FloatVector c2_0 = z; FloatVector c2_1 = z; FloatVector c3_0 = z; FloatVector c3_1 = z; FloatVector c4_0 = z; FloatVector c4_1 = z; FloatVector c5_0 = z; FloatVector c5_1 = z; FloatVector c6_0 = z; FloatVector c6_1 = z; FloatVector c7_0 = z; FloatVector c7_1 = z; FloatVector c8_0 = z; FloatVector c8_1 = z; FloatVector c9_0 = z; FloatVector c9_1 = z; FloatVector c10_0 = z; FloatVector c10_1 = z; FloatVector c11_0 = z; FloatVector c11_1 = z; FloatVector c12_0 = z; FloatVector c12_1 = z; FloatVector c13_0 = z; FloatVector c13_1 = z;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c0_0 = a0.fma(b0, c0_0); c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1 * lda]);
            c1_0 = a1.fma(b0, c1_0); c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2 * lda]);
            c2_0 = a2.fma(b0, c2_0); c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3 * lda]);
            c3_0 = a3.fma(b0, c3_0); c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + 4 * lda]);
            c4_0 = a4.fma(b0, c4_0); c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + 5 * lda]);
            c5_0 = a5.fma(b0, c5_0); c5_1 = a5.fma(b1, c5_1);
            FloatVector a6 = FloatVector.broadcast(S, a[ai + 6 * lda]);
            c6_0 = a6.fma(b0, c6_0); c6_1 = a6.fma(b1, c6_1);
            FloatVector a7 = FloatVector.broadcast(S, a[ai + 7 * lda]);
            c7_0 = a7.fma(b0, c7_0); c7_1 = a7.fma(b1, c7_1);
            FloatVector a8 = FloatVector.broadcast(S, a[ai + 8 * lda]);
            c8_0 = a8.fma(b0, c8_0); c8_1 = a8.fma(b1, c8_1);
            FloatVector a9 = FloatVector.broadcast(S, a[ai + 9 * lda]);
            c9_0 = a9.fma(b0, c9_0); c9_1 = a9.fma(b1, c9_1);
            FloatVector a10 = FloatVector.broadcast(S, a[ai + 10 * lda]);
            c10_0 = a10.fma(b0, c10_0); c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, a[ai + 11 * lda]);
            c11_0 = a11.fma(b0, c11_0); c11_1 = a11.fma(b1, c11_1);
            FloatVector a12 = FloatVector.broadcast(S, a[ai + 12 * lda]);
            c12_0 = a12.fma(b0, c12_0); c12_1 = a12.fma(b1, c12_1);
            FloatVector a13 = FloatVector.broadcast(S, a[ai + 13 * lda]);
            c13_0 = a13.fma(b0, c13_0); c13_1 = a13.fma(b1, c13_1);
            ai++;
            bi += NR;
        }
        EXACT.cast(c0_0).intoArray(t, 0 * L); EXACT.cast(c0_1).intoArray(t, 1 * L);
        EXACT.cast(c1_0).intoArray(t, 2 * L); EXACT.cast(c1_1).intoArray(t, 3 * L);
        EXACT.cast(c2_0).intoArray(t, 4 * L); EXACT.cast(c2_1).intoArray(t, 5 * L);
        EXACT.cast(c3_0).intoArray(t, 6 * L); EXACT.cast(c3_1).intoArray(t, 7 * L);
        EXACT.cast(c4_0).intoArray(t, 8 * L); EXACT.cast(c4_1).intoArray(t, 9 * L);
        EXACT.cast(c5_0).intoArray(t, 10 * L); EXACT.cast(c5_1).intoArray(t, 11 * L);
        EXACT.cast(c6_0).intoArray(t, 12 * L); EXACT.cast(c6_1).intoArray(t, 13 * L);
        EXACT.cast(c7_0).intoArray(t, 14 * L); EXACT.cast(c7_1).intoArray(t, 15 * L);
        EXACT.cast(c8_0).intoArray(t, 16 * L); EXACT.cast(c8_1).intoArray(t, 17 * L);
        EXACT.cast(c9_0).intoArray(t, 18 * L); EXACT.cast(c9_1).intoArray(t, 19 * L);
        EXACT.cast(c10_0).intoArray(t, 20 * L); EXACT.cast(c10_1).intoArray(t, 21 * L);
        EXACT.cast(c11_0).intoArray(t, 22 * L); EXACT.cast(c11_1).intoArray(t, 23 * L);
        EXACT.cast(c12_0).intoArray(t, 24 * L); EXACT.cast(c12_1).intoArray(t, 25 * L);
        EXACT.cast(c13_0).intoArray(t, 26 * L); EXACT.cast(c13_1).intoArray(t, 27 * L);
    }

    /**
     * {@link #kernel14} reading A in place: row r of the tile is {@code a[ai + p*lda + r]} (A stored transposed). A copy
     * rather than the one body with a step parameter, so that the packed kernel's step stays a constant (sharing it
     * measured 0–4% slower on 1024³, within noise but never faster).
     */
    static void kernelColumnsOfA14(int kc, float[] a, int ai, int lda, float[] bp, int bi, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z; FloatVector c0_1 = z; FloatVector c1_0 = z; FloatVector c1_1 = z; FloatVector c2_0 = z; FloatVector c2_1 = z; FloatVector c3_0 = z; FloatVector c3_1 = z; FloatVector c4_0 = z; FloatVector c4_1 = z; FloatVector c5_0 = z; FloatVector c5_1 = z; FloatVector c6_0 = z; FloatVector c6_1 = z; FloatVector c7_0 = z; FloatVector c7_1 = z; FloatVector c8_0 = z; FloatVector c8_1 = z; FloatVector c9_0 = z; FloatVector c9_1 = z; FloatVector c10_0 = z; FloatVector c10_1 = z; FloatVector c11_0 = z; FloatVector c11_1 = z; FloatVector c12_0 = z; FloatVector c12_1 = z; FloatVector c13_0 = z; FloatVector c13_1 = z;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai + 0]);
            c0_0 = a0.fma(b0, c0_0); c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c1_0 = a1.fma(b0, c1_0); c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
            c2_0 = a2.fma(b0, c2_0); c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
            c3_0 = a3.fma(b0, c3_0); c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + 4]);
            c4_0 = a4.fma(b0, c4_0); c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + 5]);
            c5_0 = a5.fma(b0, c5_0); c5_1 = a5.fma(b1, c5_1);
            FloatVector a6 = FloatVector.broadcast(S, a[ai + 6]);
            c6_0 = a6.fma(b0, c6_0); c6_1 = a6.fma(b1, c6_1);
            FloatVector a7 = FloatVector.broadcast(S, a[ai + 7]);
            c7_0 = a7.fma(b0, c7_0); c7_1 = a7.fma(b1, c7_1);
            FloatVector a8 = FloatVector.broadcast(S, a[ai + 8]);
            c8_0 = a8.fma(b0, c8_0); c8_1 = a8.fma(b1, c8_1);
            FloatVector a9 = FloatVector.broadcast(S, a[ai + 9]);
            c9_0 = a9.fma(b0, c9_0); c9_1 = a9.fma(b1, c9_1);
            FloatVector a10 = FloatVector.broadcast(S, a[ai + 10]);
            c10_0 = a10.fma(b0, c10_0); c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, a[ai + 11]);
            c11_0 = a11.fma(b0, c11_0); c11_1 = a11.fma(b1, c11_1);
            FloatVector a12 = FloatVector.broadcast(S, a[ai + 12]);
            c12_0 = a12.fma(b0, c12_0); c12_1 = a12.fma(b1, c12_1);
            FloatVector a13 = FloatVector.broadcast(S, a[ai + 13]);
            c13_0 = a13.fma(b0, c13_0); c13_1 = a13.fma(b1, c13_1);
            ai += lda;
            bi += NR;
        }
        EXACT.cast(c0_0).intoArray(t, 0 * L); EXACT.cast(c0_1).intoArray(t, 1 * L);
        EXACT.cast(c1_0).intoArray(t, 2 * L); EXACT.cast(c1_1).intoArray(t, 3 * L);
        EXACT.cast(c2_0).intoArray(t, 4 * L); EXACT.cast(c2_1).intoArray(t, 5 * L);
        EXACT.cast(c3_0).intoArray(t, 6 * L); EXACT.cast(c3_1).intoArray(t, 7 * L);
        EXACT.cast(c4_0).intoArray(t, 8 * L); EXACT.cast(c4_1).intoArray(t, 9 * L);
        EXACT.cast(c5_0).intoArray(t, 10 * L); EXACT.cast(c5_1).intoArray(t, 11 * L);
        EXACT.cast(c6_0).intoArray(t, 12 * L); EXACT.cast(c6_1).intoArray(t, 13 * L);
        EXACT.cast(c7_0).intoArray(t, 14 * L); EXACT.cast(c7_1).intoArray(t, 15 * L);
        EXACT.cast(c8_0).intoArray(t, 16 * L); EXACT.cast(c8_1).intoArray(t, 17 * L);
        EXACT.cast(c9_0).intoArray(t, 18 * L); EXACT.cast(c9_1).intoArray(t, 19 * L);
        EXACT.cast(c10_0).intoArray(t, 20 * L); EXACT.cast(c10_1).intoArray(t, 21 * L);
        EXACT.cast(c11_0).intoArray(t, 22 * L); EXACT.cast(c11_1).intoArray(t, 23 * L);
        EXACT.cast(c12_0).intoArray(t, 24 * L); EXACT.cast(c12_1).intoArray(t, 25 * L);
        EXACT.cast(c13_0).intoArray(t, 26 * L); EXACT.cast(c13_1).intoArray(t, 27 * L);
    }

    /** {@link #kernel14} for the 8-row tile. */
    static void kernel8(int kc, float[] ap, int ai, float[] bp, int bi, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z; FloatVector c01 = z; FloatVector c10 = z; FloatVector c11 = z; FloatVector c20 = z; FloatVector c21 = z; FloatVector c30 = z; FloatVector c31 = z; FloatVector c40 = z; FloatVector c41 = z; FloatVector c50 = z; FloatVector c51 = z; FloatVector c60 = z; FloatVector c61 = z; FloatVector c70 = z; FloatVector c71 = z;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
            ai += 8;
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
    }

    /** {@link #kernelRowsOfA14} for the 8-row tile. */
    static void kernelRowsOfA8(int kc, float[] a, int ai, int lda, float[] bp, int bi, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z; FloatVector c01 = z; FloatVector c10 = z; FloatVector c11 = z; FloatVector c20 = z; FloatVector c21 = z; FloatVector c30 = z; FloatVector c31 = z; FloatVector c40 = z; FloatVector c41 = z; FloatVector c50 = z; FloatVector c51 = z; FloatVector c60 = z; FloatVector c61 = z; FloatVector c70 = z; FloatVector c71 = z;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1 * lda]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2 * lda]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3 * lda]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + 4 * lda]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + 5 * lda]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ai + 6 * lda]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[ai + 7 * lda]);
            c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
            ai++;
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
    }

    /** {@link #kernelColumnsOfA14} for the 8-row tile. */
    static void kernelColumnsOfA8(int kc, float[] a, int ai, int lda, float[] bp, int bi, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z; FloatVector c01 = z; FloatVector c10 = z; FloatVector c11 = z; FloatVector c20 = z; FloatVector c21 = z; FloatVector c30 = z; FloatVector c31 = z; FloatVector c40 = z; FloatVector c41 = z; FloatVector c50 = z; FloatVector c51 = z; FloatVector c60 = z; FloatVector c61 = z; FloatVector c70 = z; FloatVector c71 = z;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai + 0]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ai + 6]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[ai + 7]);
            c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
            ai += lda;
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
    }

    /** {@link #storeTile}'s modes 1 and 2 for the 8-row tile: all 16 C vectors read before any is written. */
    static void storeTile8(float[] t, float[] c, int ci, int ldc, float alpha, float beta, int mode) {
        FloatVector al = FloatVector.broadcast(S, alpha);
        int o0 = ci + 0 * ldc; int o1 = ci + 1 * ldc; int o2 = ci + 2 * ldc; int o3 = ci + 3 * ldc; int o4 = ci + 4 * ldc; int o5 = ci + 5 * ldc; int o6 = ci + 6 * ldc; int o7 = ci + 7 * ldc;
        FloatVector x00 = EXACT.cast(FloatVector.fromArray(S, c, o0)), x01 = EXACT.cast(FloatVector.fromArray(S, c, o0 + L));
        FloatVector x10 = EXACT.cast(FloatVector.fromArray(S, c, o1)), x11 = EXACT.cast(FloatVector.fromArray(S, c, o1 + L));
        FloatVector x20 = EXACT.cast(FloatVector.fromArray(S, c, o2)), x21 = EXACT.cast(FloatVector.fromArray(S, c, o2 + L));
        FloatVector x30 = EXACT.cast(FloatVector.fromArray(S, c, o3)), x31 = EXACT.cast(FloatVector.fromArray(S, c, o3 + L));
        FloatVector x40 = EXACT.cast(FloatVector.fromArray(S, c, o4)), x41 = EXACT.cast(FloatVector.fromArray(S, c, o4 + L));
        FloatVector x50 = EXACT.cast(FloatVector.fromArray(S, c, o5)), x51 = EXACT.cast(FloatVector.fromArray(S, c, o5 + L));
        FloatVector x60 = EXACT.cast(FloatVector.fromArray(S, c, o6)), x61 = EXACT.cast(FloatVector.fromArray(S, c, o6 + L));
        FloatVector x70 = EXACT.cast(FloatVector.fromArray(S, c, o7)), x71 = EXACT.cast(FloatVector.fromArray(S, c, o7 + L));
        if (mode == 1) {
            FloatVector be = FloatVector.broadcast(S, beta);
            x00 = x00.mul(be); x01 = x01.mul(be);
            x10 = x10.mul(be); x11 = x11.mul(be);
            x20 = x20.mul(be); x21 = x21.mul(be);
            x30 = x30.mul(be); x31 = x31.mul(be);
            x40 = x40.mul(be); x41 = x41.mul(be);
            x50 = x50.mul(be); x51 = x51.mul(be);
            x60 = x60.mul(be); x61 = x61.mul(be);
            x70 = x70.mul(be); x71 = x71.mul(be);
        }
        EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 0 * L)).fma(al, x00)).intoArray(c, o0); EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 1 * L)).fma(al, x01)).intoArray(c, o0 + L);
        EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 2 * L)).fma(al, x10)).intoArray(c, o1); EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 3 * L)).fma(al, x11)).intoArray(c, o1 + L);
        EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 4 * L)).fma(al, x20)).intoArray(c, o2); EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 5 * L)).fma(al, x21)).intoArray(c, o2 + L);
        EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 6 * L)).fma(al, x30)).intoArray(c, o3); EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 7 * L)).fma(al, x31)).intoArray(c, o3 + L);
        EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 8 * L)).fma(al, x40)).intoArray(c, o4); EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 9 * L)).fma(al, x41)).intoArray(c, o4 + L);
        EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 10 * L)).fma(al, x50)).intoArray(c, o5); EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 11 * L)).fma(al, x51)).intoArray(c, o5 + L);
        EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 12 * L)).fma(al, x60)).intoArray(c, o6); EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 13 * L)).fma(al, x61)).intoArray(c, o6 + L);
        EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 14 * L)).fma(al, x70)).intoArray(c, o7); EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, 15 * L)).fma(al, x71)).intoArray(c, o7 + L);
    }

    /** Writes the top-left h × w corner of a tile at C row i0, column j0 (an edge tile), with {@link #storeTile}'s modes. */
    static void storePartialTile(float[] t, float[] c, int cOff, int ldc, int i0, int j0, int h, int w,
                                 float alpha, float beta, int mode) {
        for (int r = 0; r < h; r++) {
            int co = cOff + (i0 + r) * ldc + j0;
            for (int jj = 0; jj < w; jj++) {
                float acc = t[r * NR + jj];
                c[co + jj] = mode == 0 ? acc * alpha
                        : mode == 1 ? Math.fma(acc, alpha, c[co + jj] * beta)
                        : Math.fma(acc, alpha, c[co + jj]);
            }
        }
    }

    /**
     * {@link #storeTile}'s modes 1 and 2 for the 14-row tile, by halves of 7 rows, each reading all of its C vectors
     * before writing any: with C rows a multiple of 4 KB apart (1024 columns), a load issued after a store to another
     * row looks like the same address to the CPU's store forwarding check ("4K aliasing") and waits (1024³: +5% for
     * 8 rows read first). Not the whole tile at once: C1 gives up on a method with 28 such vectors ("out of virtual
     * registers"), and a JVM then sometimes kept it at tier 2, in the Vector API's Java fallback, for good (an MNIST
     * epoch at 1.15 s instead of 0.53).
     */
    static void storeTile14(float[] t, float[] c, int ci, int ldc, float alpha, float beta, int mode) {
        storeRows7(t, 0, c, ci, ldc, alpha, beta, mode);
        storeRows7(t, 7 * NR, c, ci + 7 * ldc, ldc, alpha, beta, mode);
    }

    /** {@link #storeTile14}'s modes 1 and 2 for 7 rows: tile rows from {@code t[ti..]}, C rows from {@code c[ci..]}. */
    static void storeRows7(float[] t, int ti, float[] c, int ci, int ldc, float alpha, float beta, int mode) {
        FloatVector al = FloatVector.broadcast(S, alpha);
        int o0 = ci + 0 * ldc; int o1 = ci + 1 * ldc; int o2 = ci + 2 * ldc; int o3 = ci + 3 * ldc; int o4 = ci + 4 * ldc; int o5 = ci + 5 * ldc; int o6 = ci + 6 * ldc;
        FloatVector x00 = EXACT.cast(FloatVector.fromArray(S, c, o0 + 0 * L)), x01 = EXACT.cast(FloatVector.fromArray(S, c, o0 + 1 * L));
        FloatVector x10 = EXACT.cast(FloatVector.fromArray(S, c, o1 + 0 * L)), x11 = EXACT.cast(FloatVector.fromArray(S, c, o1 + 1 * L));
        FloatVector x20 = EXACT.cast(FloatVector.fromArray(S, c, o2 + 0 * L)), x21 = EXACT.cast(FloatVector.fromArray(S, c, o2 + 1 * L));
        FloatVector x30 = EXACT.cast(FloatVector.fromArray(S, c, o3 + 0 * L)), x31 = EXACT.cast(FloatVector.fromArray(S, c, o3 + 1 * L));
        FloatVector x40 = EXACT.cast(FloatVector.fromArray(S, c, o4 + 0 * L)), x41 = EXACT.cast(FloatVector.fromArray(S, c, o4 + 1 * L));
        FloatVector x50 = EXACT.cast(FloatVector.fromArray(S, c, o5 + 0 * L)), x51 = EXACT.cast(FloatVector.fromArray(S, c, o5 + 1 * L));
        FloatVector x60 = EXACT.cast(FloatVector.fromArray(S, c, o6 + 0 * L)), x61 = EXACT.cast(FloatVector.fromArray(S, c, o6 + 1 * L));
        if (mode == 1) {
            FloatVector be = FloatVector.broadcast(S, beta);
            x00 = x00.mul(be); x01 = x01.mul(be);
            x10 = x10.mul(be); x11 = x11.mul(be);
            x20 = x20.mul(be); x21 = x21.mul(be);
            x30 = x30.mul(be); x31 = x31.mul(be);
            x40 = x40.mul(be); x41 = x41.mul(be);
            x50 = x50.mul(be); x51 = x51.mul(be);
            x60 = x60.mul(be); x61 = x61.mul(be);
        }
        EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, ti + 0 * L)).fma(al, x00)).intoArray(c, o0 + 0 * L); EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, ti + 1 * L)).fma(al, x01)).intoArray(c, o0 + 1 * L);
        EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, ti + 2 * L)).fma(al, x10)).intoArray(c, o1 + 0 * L); EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, ti + 3 * L)).fma(al, x11)).intoArray(c, o1 + 1 * L);
        EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, ti + 4 * L)).fma(al, x20)).intoArray(c, o2 + 0 * L); EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, ti + 5 * L)).fma(al, x21)).intoArray(c, o2 + 1 * L);
        EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, ti + 6 * L)).fma(al, x30)).intoArray(c, o3 + 0 * L); EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, ti + 7 * L)).fma(al, x31)).intoArray(c, o3 + 1 * L);
        EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, ti + 8 * L)).fma(al, x40)).intoArray(c, o4 + 0 * L); EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, ti + 9 * L)).fma(al, x41)).intoArray(c, o4 + 1 * L);
        EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, ti + 10 * L)).fma(al, x50)).intoArray(c, o5 + 0 * L); EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, ti + 11 * L)).fma(al, x51)).intoArray(c, o5 + 1 * L);
        EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, ti + 12 * L)).fma(al, x60)).intoArray(c, o6 + 0 * L); EXACT.cast(EXACT.cast(FloatVector.fromArray(S, t, ti + 13 * L)).fma(al, x61)).intoArray(c, o6 + 1 * L);
    }
}
