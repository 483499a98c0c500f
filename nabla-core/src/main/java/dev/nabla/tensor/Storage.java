package dev.nabla.tensor;

import dev.nabla.DType;

/**
 * The flat primitive array behind one or more tensors (views share it), plus a version counter that
 * every in-place write increments, so autograd can tell when a value saved for backward was changed.
 */
public final class Storage {
    /** The elements when the dtype is float32, else null. */
    public final float[] f;
    /** The elements when the dtype is float64, else null. */
    public final double[] d;
    private int version;

    private Storage(float[] f, double[] d) {
        this.f = f;
        this.d = d;
    }

    /** Wraps an existing float array (no copy). */
    public static Storage of(float[] data) { return new Storage(data, null); }

    /** Wraps an existing double array (no copy). */
    public static Storage of(double[] data) { return new Storage(null, data); }

    /** A zero-filled storage of {@code n} elements. */
    public static Storage allocate(DType dtype, int n) {
        return dtype == DType.FLOAT32 ? new Storage(new float[n], null) : new Storage(null, new double[n]);
    }

    public DType dtype() { return f != null ? DType.FLOAT32 : DType.FLOAT64; }

    public int length() { return f != null ? f.length : d.length; }

    /** Element {@code i} widened to double. */
    public double get(int i) { return f != null ? f[i] : d[i]; }

    /** Writes element {@code i} (rounded to float for float32). Does not bump the version. */
    public void set(int i, double v) {
        if (f != null) f[i] = (float) v; else d[i] = v;
    }

    /** How many in-place writes this storage has seen. */
    public int version() { return version; }

    /** Records an in-place write. */
    public void bumpVersion() { version++; }
}
