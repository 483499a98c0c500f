package dev.nabla.tensor.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementations of {@link FloatKernels}'s contiguous float loops (main loop over whole vectors,
 * scalar tail). Only load this class when module {@code jdk.incubator.vector} is present; normal callers go
 * through {@link FloatKernels}, tests call it directly.
 */
public final class VectorFloatKernels {
    private VectorFloatKernels() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** The exact class of {@link #S}'s vectors, for receivers C2 would otherwise type by profile ({@link ExactVectors}). */
    static final Class<? extends FloatVector> EXACT = ExactVectors.classOf(S);

    /** Bytes with as many lanes as {@link #S}: the source of {@link #unsignedBytesToFloat}. */
    static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * Byte.SIZE));

    /**
     * {@code out[oo+i] = (src[so+i] & 0xff) · scale}: each byte converted signed (exact), 256 added where it came out
     * negative (exact), then one multiply, the scalar path's values. An MNIST batch of 128 random rows from the 47 MB
     * byte set takes ~28 µs on one core, against ~60 µs to copy the same rows from a 188 MB float32 set.
     */
    public static void unsignedBytesToFloat(byte[] src, int so, float scale, float[] out, int oo, int n) {
        int i = 0, ub = n - L;
        for (; i <= ub; i += L) {
            FloatVector f = EXACT.cast(ByteVector.fromArray(BYTES, src, so + i).convertShape(VectorOperators.B2F, S, 0));
            f = f.add(256f, f.lt(0f));
            EXACT.cast(f.mul(scale)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = (src[so + i] & 0xff) * scale;
    }

    /** {@code out = a + b}. */
    public static void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            FloatVector va = EXACT.cast(FloatVector.fromArray(S, a, ao + i));
            EXACT.cast(va.add(FloatVector.fromArray(S, b, bo + i))).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    /** {@code out = a - b}. */
    public static void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            FloatVector va = EXACT.cast(FloatVector.fromArray(S, a, ao + i));
            EXACT.cast(va.sub(FloatVector.fromArray(S, b, bo + i))).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i];
    }

    /** {@code out = a * b}. */
    public static void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            FloatVector va = EXACT.cast(FloatVector.fromArray(S, a, ao + i));
            EXACT.cast(va.mul(FloatVector.fromArray(S, b, bo + i))).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i];
    }

    /** {@code out = a / b}. */
    public static void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            FloatVector va = EXACT.cast(FloatVector.fromArray(S, a, ao + i));
            EXACT.cast(va.div(FloatVector.fromArray(S, b, bo + i))).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = a[ao + i] / b[bo + i];
    }

    /** {@code out[i*n + j] = a[i*n + j] + bias[j]} for an m × n row-major block. */
    public static void addRowBroadcast(float[] a, int ao, float[] bias, int bo, float[] out, int oo, int m, int n) {
        for (int r = 0; r < m; r++) add(a, ao + r * n, bias, bo, out, oo + r * n, n);
    }

    /**
     * In place over an m × n row-major block: {@code c = c + bias[j]} (when {@code bias} is not null), then
     * {@code c < 0 ? 0 : c} (when {@code relu}): the same float operations as an add and a ReLU in turn.
     */
    public static void biasRelu(float[] c, int co, float[] bias, int bo, int m, int n, boolean relu) {
        FloatVector z = EXACT.cast(FloatVector.zero(S));
        int ub = S.loopBound(n);
        for (int r = 0; r < m; r++) {
            int ro = co + r * n;
            int j = 0;
            for (; j < ub; j += L) {
                FloatVector v = EXACT.cast(FloatVector.fromArray(S, c, ro + j));
                if (bias != null) v = v.add(FloatVector.fromArray(S, bias, bo + j));
                if (relu) v = EXACT.cast(v).blend(z, v.compare(VectorOperators.LT, z));
                EXACT.cast(v).intoArray(c, ro + j);
            }
            for (; j < n; j++) {
                float v = bias != null ? c[ro + j] + bias[bo + j] : c[ro + j];
                c[ro + j] = relu && v < 0 ? 0 : v;
            }
        }
    }

    /** {@code out = alpha * a}. */
    public static void scale(float[] a, int ao, float alpha, float[] out, int oo, int n) {
        FloatVector al = FloatVector.broadcast(S, alpha);
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            FloatVector va = EXACT.cast(FloatVector.fromArray(S, a, ao + i));
            EXACT.cast(va.mul(al)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = alpha * a[ao + i];
    }

    /** {@code y += alpha * x} (as {@code fma(alpha, x, y)}). */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector al = FloatVector.broadcast(S, alpha);
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            FloatVector va = EXACT.cast(FloatVector.fromArray(S, x, xo + i));
            EXACT.cast(va.fma(al, FloatVector.fromArray(S, y, yo + i))).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] = Math.fma(x[xo + i], alpha, y[yo + i]);
    }

    /** {@code out = max(a, 0)} ({@code NaN} stays {@code NaN}). */
    public static void relu(float[] a, int ao, float[] out, int oo, int n) {
        FloatVector z = EXACT.cast(FloatVector.zero(S));
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            FloatVector v = EXACT.cast(FloatVector.fromArray(S, a, ao + i));
            EXACT.cast(v.blend(z, v.compare(VectorOperators.LT, z))).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            float v = a[ao + i];
            out[oo + i] = v < 0 ? 0 : v;
        }
    }

    /** {@code out = x > 0 ? g : 0}. */
    public static void reluBackward(float[] g, int go, float[] x, int xo, float[] out, int oo, int n) {
        FloatVector z = EXACT.cast(FloatVector.zero(S));
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            VectorMask<Float> pos = EXACT.cast(FloatVector.fromArray(S, x, xo + i)).compare(VectorOperators.GT, z);
            EXACT.cast(z.blend(FloatVector.fromArray(S, g, go + i), pos)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = x[xo + i] > 0 ? g[go + i] : 0;
    }

    /** Column sums of an m × n row-major block into {@code out[0..n)}, rows added in order 0..m-1 in float. */
    public static void sumRows(float[] a, int ao, int m, int n, float[] out, int oo) {
        int j = 0, ub = S.loopBound(n);
        for (; j < ub; j += L) {
            FloatVector acc = EXACT.cast(FloatVector.zero(S));
            for (int r = 0; r < m; r++) acc = EXACT.cast(acc).add(FloatVector.fromArray(S, a, ao + r * n + j));
            EXACT.cast(acc).intoArray(out, oo + j);
        }
        for (; j < n; j++) {
            float s = 0;
            for (int r = 0; r < m; r++) s += a[ao + r * n + j];
            out[oo + j] = s;
        }
    }

    /** {@code out = exp(a)} (Vector API {@code EXP}, within about 1 ulp). */
    public static void exp(float[] a, int ao, float[] out, int oo, int n) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            FloatVector va = EXACT.cast(FloatVector.fromArray(S, a, ao + i));
            EXACT.cast(va.lanewise(VectorOperators.EXP)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = (float) Math.exp(a[ao + i]);
    }

    /**
     * Sum in float64 with a fixed order: the scalar kernel's ({@link ScalarFloatKernels#sum}). A vector
     * version needs a second (256-bit) float species for the float→double conversion, and mixing species
     * pollutes the type profiles that C2 relies on to intrinsify the GEMM micro-kernel.
     */
    public static double sum(float[] a, int ao, int n) { return ScalarFloatKernels.sum(a, ao, n); }
    /** {@code b = μ·b + g; p = p − lr·b} (no FMA, to match the scalar rounding). */
    public static void momentumStep(float[] p, int po, float[] g, int go, float[] b, int bo, float mu, float lr, int n) {
        FloatVector m = FloatVector.broadcast(S, mu), l = FloatVector.broadcast(S, lr);
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            FloatVector bi = EXACT.cast(FloatVector.fromArray(S, b, bo + i)).mul(m).add(FloatVector.fromArray(S, g, go + i));
            bi = EXACT.cast(bi).blend(0f, EXACT.cast(bi).abs().lt(Float.MIN_NORMAL)); // subnormal: flushed (FloatKernels)
            EXACT.cast(bi).intoArray(b, bo + i);
            EXACT.cast(EXACT.cast(FloatVector.fromArray(S, p, po + i)).sub(bi.mul(l))).intoArray(p, po + i);
        }
        if (i < n) ScalarFloatKernels.momentumStep(p, po + i, g, go + i, b, bo + i, mu, lr, n - i);
    }
    /** Adam/AdamW step; see {@link FloatKernels#adamStep} (no FMA, to match the scalar rounding). */
    public static void adamStep(float[] p, int po, float[] g, int go, float[] m, float[] v, int so, int n,
                                float b1, float b2, float c1, float c2, float step, float inv, float eps,
                                boolean decoupled, float wd, float decay) {
        FloatVector vb1 = FloatVector.broadcast(S, b1), vb2 = FloatVector.broadcast(S, b2), vc1 = FloatVector.broadcast(S, c1),
                vc2 = FloatVector.broadcast(S, c2), vstep = FloatVector.broadcast(S, step), vinv = FloatVector.broadcast(S, inv),
                veps = FloatVector.broadcast(S, eps), vwd = FloatVector.broadcast(S, wd), vdecay = FloatVector.broadcast(S, decay);
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            FloatVector theta = EXACT.cast(FloatVector.fromArray(S, p, po + i));
            FloatVector gi = EXACT.cast(FloatVector.fromArray(S, g, go + i));
            if (decoupled) theta = theta.sub(vdecay.mul(theta));
            else gi = gi.add(vwd.mul(theta));
            FloatVector mi = vb1.mul(FloatVector.fromArray(S, m, so + i)).add(vc1.mul(gi));
            FloatVector vi = vb2.mul(FloatVector.fromArray(S, v, so + i)).add(vc2.mul(gi).mul(gi));
            mi = EXACT.cast(mi).blend(0f, EXACT.cast(mi).abs().lt(Float.MIN_NORMAL));
            vi = EXACT.cast(vi).blend(0f, EXACT.cast(vi).lt(Float.MIN_NORMAL));
            EXACT.cast(mi).intoArray(m, so + i);
            EXACT.cast(vi).intoArray(v, so + i);
            EXACT.cast(EXACT.cast(theta).sub(vstep.mul(mi).div(vi.lanewise(VectorOperators.SQRT).mul(vinv).add(veps)))).intoArray(p, po + i);
        }
        if (i < n) ScalarFloatKernels.adamStep(p, po + i, g, go + i, m, v, so + i, n - i, b1, b2, c1, c2, step, inv, eps, decoupled, wd, decay);
    }

    /** Whether {@code a[o..o+n)} holds no NaN or infinity; see {@link ScalarFloatKernels#allFinite}. */
    public static boolean allFinite(float[] a, int o, int n) {
        FloatVector acc = EXACT.cast(FloatVector.zero(S));
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) acc = EXACT.cast(acc).add(EXACT.cast(FloatVector.fromArray(S, a, o + i)).mul(0f));
        float s = EXACT.cast(acc).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += a[o + i] * 0f;
        return s == 0f;
    }
}
