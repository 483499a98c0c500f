package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Synthetic sets: deterministic per seed, the documented shapes, labels and geometry. */
class SyntheticDataTest {
    private static void assertSame(TensorDataset a, TensorDataset b) {
        assertArrayEquals(a.features().toFloatArray(), b.features().toFloatArray());
        assertArrayEquals(a.targets().toFloatArray(), b.targets().toFloatArray());
    }

    @Test
    void deterministicPerSeed() {
        assertSame(SyntheticData.twoMoons(50, 0.1, 3), SyntheticData.twoMoons(50, 0.1, 3));
        assertSame(SyntheticData.spirals(60, 3, 0.2, 3), SyntheticData.spirals(60, 3, 0.2, 3));
        assertSame(SyntheticData.xor(40, 0.05, 3), SyntheticData.xor(40, 0.05, 3));
        assertSame(SyntheticData.blobs(30, 3, 4, 1.0, 3), SyntheticData.blobs(30, 3, 4, 1.0, 3));
        assertSame(SyntheticData.linear(20, 2, 1, 0.1, 3), SyntheticData.linear(20, 2, 1, 0.1, 3));
        assertFalse(Arrays.equals(SyntheticData.twoMoons(50, 0.1, 3).features().toFloatArray(),
                SyntheticData.twoMoons(50, 0.1, 4).features().toFloatArray()));
    }

    @Test
    void linearWithoutNoiseIsExact() {
        TensorDataset d = SyntheticData.linear(100, 2.5, -1, 0, 9);
        assertArrayEquals(new int[] {100, 1}, d.features().shape());
        assertArrayEquals(new int[] {100, 1}, d.targets().shape());
        float[] x = d.features().toFloatArray();
        float[] y = d.targets().toFloatArray();
        for (int i = 0; i < 100; i++) {
            assertTrue(x[i] >= -1 && x[i] < 1);
            assertEquals(2.5 * x[i] - 1, y[i], 1e-6);
        }
        // with noise std 0.1, the residual std over 2000 samples is within a few percent of 0.1
        TensorDataset n = SyntheticData.linear(2000, 2.5, -1, 0.1, 9);
        float[] xn = n.features().toFloatArray();
        float[] yn = n.targets().toFloatArray();
        double ss = 0;
        for (int i = 0; i < 2000; i++) ss += Math.pow(yn[i] - (2.5 * xn[i] - 1), 2);
        assertEquals(0.1, Math.sqrt(ss / 2000), 0.01);
    }

    @Test
    void classificationSetsHaveTheDocumentedGeometry() {
        TensorDataset m = SyntheticData.twoMoons(200, 0, 1);
        float[] x = m.features().toFloatArray();
        float[] y = m.targets().toFloatArray();
        for (int i = 0; i < 200; i++) {
            assertEquals(i % 2, y[i]);
            double cx = y[i] == 0 ? 0 : 1;
            double cy = y[i] == 0 ? 0 : 0.5;
            assertEquals(1, Math.hypot(x[2 * i] - cx, x[2 * i + 1] - cy), 1e-5, "on the unit half circle");
        }
        TensorDataset s = SyntheticData.spirals(90, 3, 0, 1);
        float[] sy = s.targets().toFloatArray();
        float[] sx = s.features().toFloatArray();
        for (int i = 0; i < 90; i++) {
            assertEquals(i % 3, sy[i]);
            assertTrue(Math.hypot(sx[2 * i], sx[2 * i + 1]) < 1);
        }
        TensorDataset xr = SyntheticData.xor(100, 0, 1);
        float[] a = xr.features().toFloatArray();
        float[] b = xr.targets().toFloatArray();
        for (int i = 0; i < 100; i++) assertEquals((a[2 * i] > 0) != (a[2 * i + 1] > 0) ? 1f : 0f, b[i]);
        TensorDataset bl = SyntheticData.blobs(300, new double[][] {{0, 0}, {10, 10}}, 0.5, 2);
        float[] bx = bl.features().toFloatArray();
        float[] by = bl.targets().toFloatArray();
        double[] mean1 = new double[2];
        for (int i = 0; i < 300; i++) {
            if (by[i] == 1) {
                mean1[0] += bx[2 * i] / 150.0;
                mean1[1] += bx[2 * i + 1] / 150.0;
            }
        }
        assertEquals(10, mean1[0], 0.2);
        assertEquals(10, mean1[1], 0.2);
    }
}
