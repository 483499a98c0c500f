package dev.nabla.tensor;

import dev.nabla.DType;

/**
 * The flat primitive array behind one or more tensors (views share it), plus a version counter that
 * every in-place write increments, so autograd can tell when a value saved for backward was changed.
 */
public final class Storage {
    /** The elements when the dtype is float32, else null (an empty array once {@link #isReleased()}; only Nabla assigns it). */
    public float[] f;
    /** The elements when the dtype is float64, else null (an empty array once {@link #isReleased()}; only Nabla assigns it). */
    public double[] d;
    /** Allocation serial number: positive for storages made by {@link #allocate}, 0 for wrapped arrays. */
    private final long serial;
    private int version;
    /** What {@link #f} or {@link #d} becomes once released: these exact (empty) arrays mark the state. */
    private static final float[] NO_FLOATS = new float[0];
    private static final double[] NO_DOUBLES = new double[0];

    private static final java.util.concurrent.atomic.AtomicLong ALLOCATED = new java.util.concurrent.atomic.AtomicLong();

    private Storage(float[] f, double[] d, long serial) {
        this.f = f;
        this.d = d;
        this.serial = serial;
    }

    /** Wraps an existing float array (no copy). */
    public static Storage of(float[] data) { return new Storage(data, null, 0); }

    /** Wraps an existing double array (no copy). */
    public static Storage of(double[] data) { return new Storage(null, data, 0); }

    /** A zero-filled storage of {@code n} elements (a recycled array from {@link BufferPool} when one is free). */
    public static Storage allocate(DType dtype, int n) { return allocate(dtype, n, true); }

    /**
     * A storage of {@code n} elements whose contents are unspecified: for kernels that write every element of
     * their output. A recycled array from {@link BufferPool} is handed over as it is, which saves the pass that
     * zeroes it; a fresh array is zero, as the JVM makes it.
     */
    public static Storage allocateUninitialized(DType dtype, int n) { return allocate(dtype, n, false); }

    private static Storage allocate(DType dtype, int n, boolean zeroRecycled) {
        long serial = ALLOCATED.incrementAndGet();
        Object pooled = BufferPool.take(dtype, n);
        if (dtype == DType.FLOAT32) {
            float[] a = (float[]) pooled;
            if (a == null) a = new float[n];
            else if (zeroRecycled) java.util.Arrays.fill(a, 0f);
            return new Storage(a, null, serial);
        }
        double[] a = (double[]) pooled;
        if (a == null) a = new double[n];
        else if (zeroRecycled) java.util.Arrays.fill(a, 0.0);
        return new Storage(null, a, serial);
    }

    /**
     * The serial number the next {@link #allocate} will exceed: a storage whose {@link #serial()} is greater
     * than a value read earlier was allocated after that moment (the backward engine uses this to know that a
     * gradient buffer is its own and can be handed to a leaf without a copy).
     */
    public static long allocationMark() { return ALLOCATED.get(); }

    /** This storage's allocation serial number (0 when it wraps a caller's array). */
    public long serial() { return serial; }

    public DType dtype() { return f != null ? DType.FLOAT32 : DType.FLOAT64; }

    public int length() { return f != null ? f.length : d.length; }

    /** Element {@code i} widened to double. */
    public double get(int i) { return f != null ? f[i] : d[i]; }

    /** Writes element {@code i} (rounded to float for float32). Does not bump the version. */
    public void set(int i, double v) {
        if (f != null) f[i] = (float) v; else d[i] = v;
    }

    /**
     * True once Nabla has handed this storage's array to the {@link BufferPool} for reuse ({@link
     * BufferPool#recycleAndRelease}): its elements are gone, and reading them through a tensor fails.
     */
    public boolean isReleased() { return f == NO_FLOATS || d == NO_DOUBLES; }

    /** Drops the array (now the pool's): later reads see an empty array and fail instead of reading reused memory. */
    void release() {
        if (f != null) f = NO_FLOATS; else d = NO_DOUBLES;
    }

    /** How many in-place writes this storage has seen. */
    public int version() { return version; }

    /** Records an in-place write. */
    public void bumpVersion() { version++; }
}
