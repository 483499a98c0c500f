package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.MathFunctions;
import org.junit.jupiter.api.Test;

/** Creation, views, broadcasting, printing and errors; expected values are hand-computed. */
class TensorTest {

    @Test
    void viewsShareStorage() {
        Tensor a = Tensor.arange(6).reshape(2, 3);
        Tensor t = a.t();
        assertSame(a.storage(), t.storage());
        assertArrayEquals(new int[] {3, 2}, t.shape());
        assertEquals(5.0, t.get(2, 1));
        assertSame(a.storage(), a.narrow(1, 1, 2).storage());
        assertSame(a.storage(), a.reshape(3, 2).storage());
        assertNotSame(a.storage(), t.reshape(6).storage()); // non-contiguous reshape copies
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, t.reshape(6).toDoubleArray());
        assertArrayEquals(new double[] {1, 2, 4, 5}, a.narrow(1, 1, 2).toDoubleArray());
        assertArrayEquals(new double[] {3, 4, 5}, a.select(0, 1).toDoubleArray());
    }

    @Test
    void broadcastingFollowsNumpy() {
        Tensor col = Tensor.of(new double[][] {{1}, {2}});
        Tensor row = Tensor.of(10, 20, 30);
        Tensor s = col.add(row);
        assertArrayEquals(new int[] {2, 3}, s.shape());
        assertArrayEquals(new double[] {11, 21, 31, 12, 22, 32}, s.toDoubleArray());
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)));
        assertTrue(e.getMessage().startsWith("add: shapes (2, 3) and (4,)"), e.getMessage());
    }

    @Test
    void mixedDtypesAreRejected() {
        DTypeMismatchException e = assertThrows(DTypeMismatchException.class, () -> Tensor.zeros(2).add(Tensor.zeros(DType.FLOAT64, 2)));
        assertTrue(e.getMessage().contains("float32") && e.getMessage().contains("float64"), e.getMessage());
    }

    @Test
    void reductionsAndArgmax() {
        Tensor a = Tensor.of(new double[][] {{1, 5, 2}, {7, 0, 3}});
        assertArrayEquals(new double[] {8, 5, 5}, a.sum(0, false).toDoubleArray());
        assertArrayEquals(new int[] {2, 1}, a.sum(1, true).shape());
        assertArrayEquals(new double[] {5, 7}, a.max(1, false).toDoubleArray());
        assertArrayEquals(new double[] {1, 0}, a.argmax(1).toDoubleArray());
        assertEquals(3.0, a.mean().item(), 1e-7);
    }

    @Test
    void softmaxRowsSumToOne() {
        Tensor p = Tensor.of(new double[][] {{1, 2, 3}, {0, 0, 0}}).softmax(1);
        // e^1/(e^1+e^2+e^3) = 0.09003057317038046 (hand computation)
        assertEquals(0.09003057317038046, p.get(0, 0), 1e-7);
        assertEquals(1.0 / 3, p.get(1, 2), 1e-7);
    }

    @Test
    void catStackGatherWhere() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.of(new double[][] {{5, 6}});
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, Tensor.cat(java.util.List.of(a, b), 0).toDoubleArray());
        assertArrayEquals(new int[] {2, 2, 2}, Tensor.stack(java.util.List.of(a, a), 0).shape());
        assertArrayEquals(new double[] {2, 3}, a.gather(1, Tensor.of(new double[][] {{1}, {0}})).toDoubleArray());
        assertArrayEquals(new double[] {1, 20, 3, 40}, Tensor.where(Tensor.of(1, 0), a, a.mul(10)).toDoubleArray());
        assertThrows(IndexOutOfBoundsException.class, () -> a.gather(1, Tensor.of(new double[][] {{2}, {0}})));
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("tensor([[1.0000, 2.5000],\n        [3.0000, 4.0000]])", Tensor.of(new double[][] {{1, 2.5}, {3, 4}}).toString());
        assertEquals("tensor([1., 2.], requires_grad=True)", Tensor.of(1, 2).requiresGrad(true).toString());
        assertEquals("tensor(3., dtype=float64)", Tensor.scalar(3, DType.FLOAT64).toString());
        assertTrue(Tensor.of(1.5).requiresGrad(true).mul(2).toString().endsWith("grad_fn=<MulBackward>)"));
    }

    @Test
    void seededRandomIsReproducible() {
        assertArrayEquals(Tensor.randn(7, 3, 4).toDoubleArray(), Tensor.randn(7, 3, 4).toDoubleArray(), 0);
    }

    @Test
    void erfMatchesPublishedValues() {
        // Abramowitz & Stegun table 7.1: erf(0.5) = 0.5204998778, erf(1) = 0.8427007929, erf(2) = 0.9953222650
        assertEquals(0.5204998778130465, MathFunctions.erf(0.5), 1e-15);
        assertEquals(0.8427007929497149, MathFunctions.erf(1.0), 1e-15);
        assertEquals(0.9953222650189527, MathFunctions.erf(2.0), 1e-15);
        assertEquals(-0.9999999845827421, MathFunctions.erf(-4.0), 1e-15);
        // Python's math.erf (C libm): erf(5.5) = 0.9999999999999927, erf(3.9) = 0.9999999652077514, erf(4.1) = 0.9999999932999724
        assertEquals(0.9999999999999927, MathFunctions.erf(5.5), 1e-15);
        assertEquals(0.9999999652077514, MathFunctions.erf(3.9), 1e-15);
        assertEquals(0.9999999932999724, MathFunctions.erf(4.1), 1e-15);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThrows(ShapeMismatchException.class, () -> Tensor.fromArray(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).sum(2, false));
        assertThrows(IllegalStateException.class, () -> Tensor.zeros(2).item());
        assertThrows(ShapeMismatchException.class, () -> Tensor.zeros(2, 3).reshape(4, 2));
    }
}
