package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.tensor.BufferPool;
import dev.nabla.tensor.Kernels;
import dev.nabla.tensor.Storage;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Ops whose outputs come from {@link Storage#allocateUninitialized} (matmul, elementwise, ReLU and its
 * backward, contiguous copies, indexSelect) must write every element: the pool is first filled with arrays
 * of NaN of the output's size, then each op must still give the exact, hand-derived result. Every expected
 * value below is arithmetic on constants (e.g. a 128-long dot product of 1s and 2s is 256).
 */
class RecycledOutputBuffersTest {
    private static final int R = 128, N = R * R; // N is above BufferPool.MIN_ELEMENTS, so outputs are pooled

    /** Hands the pool several NaN-filled arrays of {@code n} elements of {@code dtype}. */
    private static void poison(DType dtype, int n) {
        for (int i = 0; i < 6; i++) {
            Storage s = Storage.allocate(dtype, n);
            if (s.f != null) Arrays.fill(s.f, Float.NaN); else Arrays.fill(s.d, Double.NaN);
            BufferPool.recycle(s);
        }
    }

    private static double[] constant(double v, int n) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static void check(DType dtype, double[] expected, Supplier<Tensor> op, String what) {
        poison(dtype, expected.length);
        Tensor out = op.get();
        assertEquals(dtype, out.dtype(), what);
        assertArrayEquals(expected, out.toDoubleArray(), 0.0, what + " left recycled (NaN) elements or is wrong");
    }

    @Test
    void everyOverwritingOpWritesEveryElementInFloat32AndFloat64() {
        for (DType dt : DType.values()) {
            Tensor ones = Tensor.full(dt, 1.0, R, R), twos = Tensor.full(dt, 2.0, R, R);
            Tensor minusOnes = Tensor.full(dt, -1.0, R, R), row = Tensor.full(dt, 0.5, R);
            check(dt, constant(256, N), () -> ones.matmul(twos), dt + " matmul: Σ over 128 of 1·2");
            check(dt, constant(256, N), () -> ones.matmul(twos.t()), dt + " matmul with a transposed operand");
            check(dt, constant(0, N), () -> Tensor.full(dt, 1.0, R, 0).matmul(Tensor.full(dt, 1.0, 0, R)),
                    dt + " matmul with k = 0 is all zeros");
            check(dt, constant(3, N), () -> ones.add(twos), dt + " add: 1 + 2");
            check(dt, constant(1.5, N), () -> ones.add(row), dt + " bias-row add: 1 + 0.5");
            check(dt, constant(0, N), minusOnes::relu, dt + " relu(−1) = 0");
            check(dt, constant(2, N), twos::relu, dt + " relu(2) = 2");
            check(dt, constant(0, N), () -> Kernels.reluBackward(twos, minusOnes), dt + " relu backward where x < 0");
            check(dt, constant(2, N), () -> Kernels.reluBackward(twos, ones), dt + " relu backward where x > 0");
            double[] iota = new double[N];
            for (int i = 0; i < N; i++) iota[i] = i;
            Tensor counting = Tensor.fromArray(iota, R, R).to(dt);
            double[] transposed = new double[N]; // element (i, j) of the transpose is iota[j*R + i]
            for (int i = 0; i < N; i++) transposed[i] = (i % R) * R + i / R;
            check(dt, transposed, () -> Kernels.contiguousCopy(counting.t()), dt + " contiguous copy of a transpose");
            int[] rows = new int[R];
            Arrays.fill(rows, 3);
            double[] row3 = new double[N];
            for (int i = 0; i < N; i++) row3[i] = 3 * R + i % R;
            check(dt, row3, () -> counting.indexSelect(0, rows), dt + " indexSelect of row 3, 128 times");
        }
    }
}
