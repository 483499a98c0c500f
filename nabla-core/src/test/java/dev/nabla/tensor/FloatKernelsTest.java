package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nabla.tensor.kernel.DoubleKernels;
import dev.nabla.tensor.kernel.FloatKernels;
import dev.nabla.tensor.kernel.ScalarDoubleKernels;
import dev.nabla.tensor.kernel.ScalarFloatKernels;
import dev.nabla.tensor.kernel.VectorDoubleKernels;
import dev.nabla.tensor.kernel.VectorFloatKernels;
import dev.nabla.tensor.kernel.VectorSupport;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Elementwise kernels (facade, vector and scalar paths) against float64 references, odd sizes and offsets. */
class FloatKernelsTest {
    static final int[] SIZES = {0, 1, 3, 15, 16, 17, 33, 65, 127, 129, 1000, 300_000};

    static float[] rand(SplittableRandom r, int n, double lo, double hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (lo + (hi - lo) * r.nextDouble());
        return x;
    }

    interface Bin { void run(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n); }
    interface RefBin { double apply(double a, double b); }

    static void checkBinary(String name, Bin f, RefBin ref) {
        SplittableRandom r = new SplittableRandom(11);
        for (int n : SIZES) {
            float[] a = rand(r, n + 3, -2, 2), b = rand(r, n + 5, 0.5, 2);
            float[] out = new float[n + 7];
            out[0] = 42f;
            f.run(a, 3, b, 5, out, 1, n);
            assertEquals(42f, out[0], name + ": wrote before the range");
            for (int i = 0; i < n; i++) {
                float want = (float) ref.apply(a[3 + i], b[5 + i]);
                if (out[1 + i] != want) fail(name + " n=" + n + " i=" + i + ": " + out[1 + i] + " != " + want);
            }
            for (int i = n + 1; i < out.length; i++) assertEquals(0f, out[i], name + ": wrote after the range");
        }
    }

    @Test
    void binaryOpsAllPaths() {
        boolean vec = VectorSupport.modulePresent();
        checkBinary("add", FloatKernels::add, (x, y) -> x + y);
        checkBinary("sub", FloatKernels::sub, (x, y) -> x - y);
        checkBinary("mul", FloatKernels::mul, (x, y) -> x * y);
        checkBinary("div", FloatKernels::div, (x, y) -> (float) x / (float) y);
        checkBinary("scalar add", ScalarFloatKernels::add, (x, y) -> x + y);
        checkBinary("scalar sub", ScalarFloatKernels::sub, (x, y) -> x - y);
        checkBinary("scalar mul", ScalarFloatKernels::mul, (x, y) -> x * y);
        checkBinary("scalar div", ScalarFloatKernels::div, (x, y) -> (float) x / (float) y);
        if (vec) {
            checkBinary("vector add", VectorFloatKernels::add, (x, y) -> x + y);
            checkBinary("vector sub", VectorFloatKernels::sub, (x, y) -> x - y);
            checkBinary("vector mul", VectorFloatKernels::mul, (x, y) -> x * y);
            checkBinary("vector div", VectorFloatKernels::div, (x, y) -> (float) x / (float) y);
        }
        // relu / reluBackward / scale / axpy / exp as binary-shaped wrappers
        checkBinary("relu", (a, ao, b, bo, o, oo, n) -> FloatKernels.relu(a, ao, o, oo, n), (x, y) -> Math.max(x, 0));
        checkBinary("scalar relu", (a, ao, b, bo, o, oo, n) -> ScalarFloatKernels.relu(a, ao, o, oo, n), (x, y) -> Math.max(x, 0));
        checkBinary("reluBackward", (a, ao, b, bo, o, oo, n) -> FloatKernels.reluBackward(b, bo, a, ao, o, oo, n), (x, y) -> x > 0 ? y : 0);
        checkBinary("scalar reluBackward", (a, ao, b, bo, o, oo, n) -> ScalarFloatKernels.reluBackward(b, bo, a, ao, o, oo, n), (x, y) -> x > 0 ? y : 0);
        checkBinary("scale", (a, ao, b, bo, o, oo, n) -> FloatKernels.scale(a, ao, -1.5f, o, oo, n), (x, y) -> (float) (-1.5 * x));
        checkBinary("scalar scale", (a, ao, b, bo, o, oo, n) -> ScalarFloatKernels.scale(a, ao, -1.5f, o, oo, n), (x, y) -> (float) (-1.5 * x));
        checkBinary("axpy", (a, ao, b, bo, o, oo, n) -> {
            System.arraycopy(b, bo, o, oo, n);
            FloatKernels.axpy(0.3f, a, ao, o, oo, n);
        }, (x, y) -> Math.fma((float) x, 0.3f, (float) y));
        checkBinary("scalar axpy", (a, ao, b, bo, o, oo, n) -> {
            System.arraycopy(b, bo, o, oo, n);
            ScalarFloatKernels.axpy(0.3f, a, ao, o, oo, n);
        }, (x, y) -> Math.fma((float) x, 0.3f, (float) y));
        if (vec) {
            checkBinary("vector relu", (a, ao, b, bo, o, oo, n) -> VectorFloatKernels.relu(a, ao, o, oo, n), (x, y) -> Math.max(x, 0));
            checkBinary("vector reluBackward", (a, ao, b, bo, o, oo, n) -> VectorFloatKernels.reluBackward(b, bo, a, ao, o, oo, n), (x, y) -> x > 0 ? y : 0);
            checkBinary("vector scale", (a, ao, b, bo, o, oo, n) -> VectorFloatKernels.scale(a, ao, -1.5f, o, oo, n), (x, y) -> (float) (-1.5 * x));
            checkBinary("vector axpy", (a, ao, b, bo, o, oo, n) -> {
                System.arraycopy(b, bo, o, oo, n);
                VectorFloatKernels.axpy(0.3f, a, ao, o, oo, n);
            }, (x, y) -> Math.fma((float) x, 0.3f, (float) y));
        }
    }

    interface BytesToFloat { void run(byte[] src, int so, float scale, float[] out, int oo, int n); }

    /** Every byte value (0..255, so the signed negatives too) at odd sizes and offsets, against the float64 product rounded once. */
    @Test
    void unsignedBytesToFloatAllPaths() {
        List<BytesToFloat> paths = new java.util.ArrayList<>(List.of(FloatKernels::unsignedBytesToFloat, ScalarFloatKernels::unsignedBytesToFloat));
        if (VectorSupport.modulePresent()) paths.add(VectorFloatKernels::unsignedBytesToFloat);
        SplittableRandom r = new SplittableRandom(3);
        float scale = 1f / 255f;
        for (BytesToFloat f : paths) {
            for (int n : new int[] {0, 1, 15, 16, 17, 255, 256, 784, 1001}) {
                byte[] src = new byte[n + 5];
                for (int i = 0; i < src.length; i++) src[i] = (byte) (n >= 256 ? i : r.nextInt(256));
                float[] out = new float[n + 3];
                out[0] = 42f;
                f.run(src, 5, scale, out, 1, n);
                assertEquals(42f, out[0], "wrote before the range");
                for (int i = 0; i < n; i++) {
                    // a product of two floats is exact in float64 (48 significant bits), so this rounds once, as float * float does
                    float want = (float) ((double) (src[5 + i] & 0xff) * (double) scale);
                    if (out[1 + i] != want) fail("n=" + n + " i=" + i + " byte " + (src[5 + i] & 0xff) + ": " + out[1 + i] + " != " + want);
                }
                for (int i = n + 1; i < out.length; i++) assertEquals(0f, out[i], "wrote after the range");
            }
        }
        float[] one = new float[2];
        FloatKernels.unsignedBytesToFloat(new byte[] {(byte) 255, 0}, 0, scale, one, 0, 2);
        assertEquals(1f, one[0], 1e-7f, "255 * (1/255) is 1 within an ulp");
    }

    @Test
    void reluSpecialValues() {
        float[] x = {Float.NaN, -0f, 0f, -1f, 2f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -3f, 1f, 5f, -5f, 0.5f, -0.5f, 7f, -7f, 1e-30f, -1e-30f};
        float[] o1 = new float[x.length], o2 = new float[x.length];
        FloatKernels.relu(x, 0, o1, 0, x.length);
        ScalarFloatKernels.relu(x, 0, o2, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(o2[i]), Float.floatToRawIntBits(o1[i]), "i=" + i);
            if (!Float.isNaN(x[i])) assertEquals(Math.max(x[i], 0f), o1[i], 0f);
        }
        assertTrue(Float.isNaN(o1[0]));
    }

    @Test
    void expWithinTolerance() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n : SIZES) {
            float[] a = rand(r, n + 2, -20, 20);
            float[] o = new float[n], os = new float[n];
            FloatKernels.exp(a, 2, o, 0, n);
            ScalarFloatKernels.exp(a, 2, os, 0, n);
            for (int i = 0; i < n; i++) {
                double want = Math.exp(a[2 + i]);
                assertEquals(want, o[i], 4e-7 * want, "exp i=" + i);
                assertEquals((float) want, os[i]);
            }
        }
        double[] ad = {-3, -0.5, 0, 0.25, 1, 2, 3, 4, 5, 6, 7};
        double[] od = new double[ad.length];
        DoubleKernels.exp(ad, 0, od, 0, ad.length);
        for (int i = 0; i < ad.length; i++) assertEquals(Math.exp(ad[i]), od[i], 1e-15 * Math.exp(ad[i]));
    }

    @Test
    void rowBroadcastAndColumnSums() {
        SplittableRandom r = new SplittableRandom(9);
        for (int[] mn : new int[][] {{1, 1}, {3, 17}, {17, 3}, {128, 33}, {65, 129}, {600, 300}}) {
            int m = mn[0], n = mn[1];
            float[] a = rand(r, 1 + m * n, -1, 1), bias = rand(r, 2 + n, -1, 1);
            float[] o = new float[m * n];
            FloatKernels.addRowBroadcast(a, 1, bias, 2, o, 0, m, n);
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) assertEquals(a[1 + i * n + j] + bias[2 + j], o[i * n + j], 0f);
            float[] s1 = new float[n + 1], s2 = new float[n + 1];
            FloatKernels.sumRows(a, 1, m, n, s1, 1);
            ScalarFloatKernels.sumRows(a, 1, m, n, s2, 1);
            for (int j = 0; j < n; j++) {
                double ref = 0, mag = 0;
                for (int i = 0; i < m; i++) { ref += a[1 + i * n + j]; mag += Math.abs(a[1 + i * n + j]); }
                assertEquals(ref, s1[1 + j], 1e-6 * mag + 1e-30, "sumRows j=" + j);
                assertEquals(Float.floatToRawIntBits(s2[1 + j]), Float.floatToRawIntBits(s1[1 + j]), "vector vs scalar sumRows j=" + j);
            }
            double[] ad = new double[m * n], od = new double[n];
            for (int i = 0; i < ad.length; i++) ad[i] = a[1 + i];
            DoubleKernels.sumRows(ad, 0, m, n, od, 0);
            for (int j = 0; j < n; j++) assertEquals(s1[1 + j], od[j], 1e-6 * m);
        }
    }

    @Test
    void sumIsDeterministicAndSameOnBothPaths() {
        SplittableRandom r = new SplittableRandom(13);
        for (int n : SIZES) {
            float[] a = rand(r, n + 1, -1, 1);
            double ref = 0, mag = 0;
            for (int i = 0; i < n; i++) { ref += a[1 + i]; mag += Math.abs(a[1 + i]); }
            double s = FloatKernels.sum(a, 1, n);
            assertEquals(ref, s, 1e-12 * mag + 1e-300, "sum n=" + n);
            assertEquals(Double.doubleToRawLongBits(ScalarFloatKernels.sum(a, 1, n)), Double.doubleToRawLongBits(s), "paths n=" + n);
            if (VectorSupport.modulePresent()) {
                assertEquals(Double.doubleToRawLongBits(s), Double.doubleToRawLongBits(VectorFloatKernels.sum(a, 1, n)));
            }
            double[] d = new double[n];
            for (int i = 0; i < n; i++) d[i] = a[1 + i];
            assertEquals(Double.doubleToRawLongBits(s), Double.doubleToRawLongBits(DoubleKernels.sum(d, 0, n)), "double sum n=" + n);
            assertEquals(Double.doubleToRawLongBits(s), Double.doubleToRawLongBits(ScalarDoubleKernels.sum(d, 0, n)));
        }
    }

    @Test
    void doubleKernelsMatchScalar() {
        SplittableRandom r = new SplittableRandom(17);
        for (int n : SIZES) {
            double[] a = new double[n + 1], b = new double[n + 2];
            for (int i = 0; i < a.length; i++) a[i] = r.nextDouble() * 4 - 2;
            for (int i = 0; i < b.length; i++) b[i] = r.nextDouble() + 0.5;
            double[] o1 = new double[n], o2 = new double[n];
            DoubleKernels.add(a, 1, b, 2, o1, 0, n); ScalarDoubleKernels.add(a, 1, b, 2, o2, 0, n); eq(o1, o2, "add");
            DoubleKernels.sub(a, 1, b, 2, o1, 0, n); ScalarDoubleKernels.sub(a, 1, b, 2, o2, 0, n); eq(o1, o2, "sub");
            DoubleKernels.mul(a, 1, b, 2, o1, 0, n); ScalarDoubleKernels.mul(a, 1, b, 2, o2, 0, n); eq(o1, o2, "mul");
            DoubleKernels.div(a, 1, b, 2, o1, 0, n); ScalarDoubleKernels.div(a, 1, b, 2, o2, 0, n); eq(o1, o2, "div");
            DoubleKernels.relu(a, 1, o1, 0, n); ScalarDoubleKernels.relu(a, 1, o2, 0, n); eq(o1, o2, "relu");
            DoubleKernels.reluBackward(b, 2, a, 1, o1, 0, n); ScalarDoubleKernels.reluBackward(b, 2, a, 1, o2, 0, n); eq(o1, o2, "reluBackward");
            DoubleKernels.scale(a, 1, 0.7, o1, 0, n); ScalarDoubleKernels.scale(a, 1, 0.7, o2, 0, n); eq(o1, o2, "scale");
            DoubleKernels.axpy(0.7, a, 1, o1, 0, n); ScalarDoubleKernels.axpy(0.7, a, 1, o2, 0, n); eq(o1, o2, "axpy");
            if (VectorSupport.modulePresent()) {
                double[] o3 = new double[n];
                VectorDoubleKernels.add(a, 1, b, 2, o3, 0, n);
                ScalarDoubleKernels.add(a, 1, b, 2, o2, 0, n);
                eq(o3, o2, "vector add");
            }
        }
    }

    static void eq(double[] x, double[] y, String what) {
        for (int i = 0; i < x.length; i++) {
            if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(y[i])) fail(what + " i=" + i + ": " + x[i] + " != " + y[i]);
        }
    }

    interface AllFinite { boolean test(float[] a, int o, int n); }

    /** allFinite on every path: true for finite data (even ±Float.MAX_VALUE), false for one NaN/±Inf anywhere in range. */
    @Test
    void allFiniteFindsOneNonFiniteValueAnywhereInTheRange() {
        java.util.List<AllFinite> impls = new java.util.ArrayList<>(java.util.List.of(FloatKernels::allFinite, ScalarFloatKernels::allFinite));
        if (VectorSupport.enabled()) impls.add(VectorFloatKernels::allFinite);
        SplittableRandom r = new SplittableRandom(5);
        for (AllFinite f : impls) {
            for (int n : SIZES) {
                float[] a = rand(r, n + 4, -3e38, 3e38);
                a[0] = Float.NaN; a[n + 3] = Float.POSITIVE_INFINITY; // outside the range [2, 2+n): must be ignored
                if (n > 0) { a[2] = Float.MAX_VALUE; a[1 + n] = -Float.MAX_VALUE; }
                assertTrue(f.test(a, 2, n), "finite data, n=" + n);
                if (n == 0) continue;
                for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                    for (int at : new int[] {0, n / 2, n - 1}) {
                        float keep = a[2 + at];
                        a[2 + at] = bad;
                        assertTrue(!f.test(a, 2, n), bad + " at " + at + " of n=" + n);
                        a[2 + at] = keep;
                    }
                }
            }
        }
    }
}
