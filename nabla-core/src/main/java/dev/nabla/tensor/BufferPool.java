package dev.nabla.tensor;

import dev.nabla.DType;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Recycles large arrays that Nabla knows nothing refers to any more, so that the next {@link Storage#allocate}
 * (zeroed again) or {@link Storage#allocateUninitialized} (as it is, for an op that writes every element) of
 * the same size reuses memory that is still in cache instead of fresh heap. Arrays come back from the backward
 * engine (a gradient buffer it allocated and has consumed), {@code Tensor.zeroGrad()} (a gradient that was never
 * handed to a caller), the fused {@code linearRelu} backward (its own masked-gradient temporary) and
 * {@code DataLoader.epochRecycling} (the previous batch, when the next is requested). Why: a new 0.8 MB float array costs about 80 µs on the 2-core
 * build machines (the JVM zeroes memory that is not in cache), a recycled one about 12 µs to zero again.
 * <p>Bounded: at most {@code nabla.pool.mb} megabytes are kept (system property, default 64; 0 turns the pool
 * off); beyond that arrays are left to the garbage collector. Arrays under {@link #MIN_ELEMENTS} elements are
 * not pooled (the JVM allocates small arrays cheaply).
 */
public final class BufferPool {
    /** Smallest array length worth pooling. */
    public static final int MIN_ELEMENTS = 8192;
    private static final long CAPACITY = Long.getLong("nabla.pool.mb", 64) << 20;
    private static final Map<Long, ArrayDeque<Object>> FREE = new HashMap<>();
    private static long pooledBytes;
    private static long reused, recycled;

    private BufferPool() {}

    private static long key(DType dtype, int n) { return ((long) n << 1) | (dtype == DType.FLOAT64 ? 1 : 0); }

    /** A pooled array of exactly {@code n} elements of {@code dtype}, not zeroed, or null when none is free. */
    static synchronized Object take(DType dtype, int n) {
        if (n < MIN_ELEMENTS || CAPACITY <= 0) return null;
        ArrayDeque<Object> q = FREE.get(key(dtype, n));
        Object a = q == null ? null : q.pollLast(); // last in, first out: the most recently used is the warmest
        if (a != null) {
            pooledBytes -= (long) n * dtype.byteSize();
            reused++;
        }
        return a;
    }

    /**
     * Hands {@code s}'s array back for reuse. The caller guarantees that no tensor or storage anyone can still
     * reach reads or writes that array: after this call its contents change without notice.
     */
    public static synchronized void recycle(Storage s) {
        int n = s.length();
        DType dtype = s.dtype();
        long size = (long) n * dtype.byteSize();
        if (n < MIN_ELEMENTS || s.serial() <= 0 || pooledBytes + size > CAPACITY) return;
        Object a = s.f != null ? s.f : s.d;
        ArrayDeque<Object> q = FREE.computeIfAbsent(key(dtype, n), k -> new ArrayDeque<>());
        for (Object o : q) if (o == a) return; // already pooled
        q.addLast(a);
        pooledBytes += size;
        recycled++;
    }

    /**
     * {@link #recycle}s {@code s}'s array (when the pool takes it) and {@linkplain Storage#isReleased() releases} {@code s}
     * either way, so that a tensor that still points to it fails on its next read instead of reading reused memory.
     * For owners that know only unreachable or finished code refers to {@code s} ({@code Sequential}'s intermediates).
     */
    public static void recycleAndRelease(Storage s) {
        if (s.isReleased()) return;
        recycle(s);
        s.release();
    }

    /** Counters for tests and diagnostics: {arrays handed back, arrays reused, bytes held now}. */
    public static synchronized long[] stats() { return new long[] {recycled, reused, pooledBytes}; }
}
