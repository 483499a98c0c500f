package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.InPlaceModificationException;
import dev.nabla.Rng;
import dev.nabla.ShapeMismatchException;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.loss.CrossEntropyLoss;
import dev.nabla.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused {@code linear} / {@code linearRelu} ops and the {@link Fusion} switch: values and gradients by
 * hand, and fused against unfused training steps, which must agree bit for bit (the fused ops promise the
 * same float operations in the same order). Finite-difference checks of both ops are in {@code GradCheckOpsTest}.
 */
class FusedLinearTest {
    // x (2×2), W (2×2), b (2). z = x·Wᵀ + b by hand: row 0 [1·3+2·4+0.5, 1·5−2·6−20] = [11.5, −27],
    // row 1 [−3+2+0.5, −5−3−20] = [−0.5, −28]; relu(z) = [[11.5, 0], [0, 0]].
    private static final double[][] X = {{1, 2}, {-1, 0.5}};
    private static final double[][] W = {{3, 4}, {5, -6}};
    private static final double[] B = {0.5, -20};

    @ParameterizedTest
    @EnumSource(DType.class)
    void linearValuesAndGradientsByHand(DType dtype) {
        Tensor x = Tensor.of(dtype, X).requiresGrad(true), w = Tensor.of(dtype, W).requiresGrad(true), b = Tensor.of(dtype, B).requiresGrad(true);
        Tensor z = x.linear(w, b);
        assertArrayEquals(new double[] {11.5, -27, -0.5, -28}, z.toDoubleArray(), 0);
        assertEquals("linear", z.gradFn().op());
        z.sum().backward();
        // ∂Σz/∂x = ones·W: every row [3+5, 4−6]; ∂Σz/∂W = onesᵀ·x: every row the column sums of x [0, 2.5]; ∂Σz/∂b = [2, 2]
        assertArrayEquals(new double[] {8, -2, 8, -2}, x.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 2.5, 0, 2.5}, w.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {2, 2}, b.grad().toDoubleArray(), 0);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void linearReluValuesAndGradientsByHand(DType dtype) {
        Tensor x = Tensor.of(dtype, X).requiresGrad(true), w = Tensor.of(dtype, W).requiresGrad(true), b = Tensor.of(dtype, B).requiresGrad(true);
        Tensor a = x.linearRelu(w, b);
        assertArrayEquals(new double[] {11.5, 0, 0, 0}, a.toDoubleArray(), 0);
        assertEquals("linearRelu", a.gradFn().op());
        a.sum().backward();
        // only unit 0 of sample 0 is active (mask [[1,0],[0,0]]): ∂x row 0 = W row 0 = [3, 4], row 1 = 0;
        // ∂W row 0 = x row 0 = [1, 2], row 1 = 0; ∂b = [1, 0]
        assertArrayEquals(new double[] {3, 4, 0, 0}, x.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 2, 0, 0}, w.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 0}, b.grad().toDoubleArray(), 0);
    }

    /**
     * The fused ReLU's backward may write its masked gradient over the upstream gradient when the engine owns that
     * buffer ({@code Autograd.mayOverwrite}); whoever else was shown the upstream gradient must still see it
     * unmasked. Upstream here: ∂Σ(a·c)/∂a = c = [[1, 2], [3, 4]] (a product's backward allocates it), by hand.
     */
    @Test
    void theUpstreamGradientStaysUnmaskedForRetainedGradsAndListeners() {
        Tensor c = Tensor.of(DType.FLOAT32, new double[][] {{1, 2}, {3, 4}});
        Tensor x = Tensor.of(DType.FLOAT32, X).requiresGrad(true), w = Tensor.of(DType.FLOAT32, W).requiresGrad(true);
        Tensor b = Tensor.of(DType.FLOAT32, B).requiresGrad(true);
        Tensor a = x.linearRelu(w, b).retainGrad();
        a.mul(c).sum().backward();
        assertArrayEquals(new double[] {1, 2, 3, 4}, a.grad().toDoubleArray(), 0, "retained grad of the fused output");
        // masked by [[1,0],[0,0]]: only c[0][0] = 1 passes: ∂x row 0 = 1·W row 0 = [3, 4], ∂W row 0 = x row 0 = [1, 2], ∂b = [1, 0]
        assertArrayEquals(new double[] {3, 4, 0, 0}, x.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 2, 0, 0}, w.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 0}, b.grad().toDoubleArray(), 0);

        Tensor x2 = Tensor.of(DType.FLOAT32, X).requiresGrad(true);
        Tensor a2 = x2.linearRelu(Tensor.of(DType.FLOAT32, W), Tensor.of(DType.FLOAT32, B));
        Tensor loss = a2.mul(c).sum();
        List<double[]> seen = new ArrayList<>();
        Autograd.backward(loss, Tensor.ones(DType.FLOAT32), false, (out, node, gOut, gIn) -> {
            if (node.op().equals("linearRelu")) seen.add(gOut.toDoubleArray());
        });
        assertEquals(1, seen.size());
        assertArrayEquals(new double[] {1, 2, 3, 4}, seen.get(0), 0, "the listener's upstream gradient");
        assertArrayEquals(new double[] {3, 4, 0, 0}, x2.grad().toDoubleArray(), 0);
    }

    @Test
    void nanPropagatesThroughTheFusedRelu() {
        Tensor a = Tensor.of(new double[][] {{Double.NaN, 1}}).linearRelu(Tensor.of(W), Tensor.of(B));
        assertTrue(Double.isNaN(a.toDoubleArray()[0]) && Double.isNaN(a.toDoubleArray()[1]), "relu(NaN) is NaN, as torch.relu");
    }

    @Test
    void shapeErrorsNameTheOpAndBothShapes() {
        Tensor w = Tensor.zeros(5, 4);
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Tensor.zeros(3, 6).linear(w, null));
        assertTrue(e.getMessage().contains("linear") && e.getMessage().contains("(3, 6)") && e.getMessage().contains("(5, 4)"), e.getMessage());
        e = assertThrows(ShapeMismatchException.class, () -> Tensor.zeros(3, 4).linearRelu(w, Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("linearRelu") && e.getMessage().contains("bias (4,)") && e.getMessage().contains("expected (5,)"), e.getMessage());
    }

    @Test
    void inPlaceChangeOfTheFusedOutputIsCaughtAtBackward() {
        Tensor w = Tensor.of(W).requiresGrad(true);
        Tensor a = Tensor.of(X).linearRelu(w, null);
        a.mulInPlace(2);
        assertThrows(InPlaceModificationException.class, () -> a.sum().backward());
    }

    /**
     * Three SGD steps of a ReLU MLP with odd sizes, big enough (batch 150) that the buffer pool recycles the
     * gradients between steps: fused and unfused outputs, gradients and weights agree exactly.
     */
    @ParameterizedTest
    @EnumSource(DType.class)
    void fusedAndUnfusedTrainingAreIdentical(DType dtype) {
        double[][] fused = train(dtype, true), unfused = train(dtype, false);
        for (int i = 0; i < fused.length; i++) assertArrayEquals(unfused[i], fused[i], 0, "array " + i);
    }

    private static double[][] train(DType dtype, boolean fuse) {
        Sequential model = Mlp.of(new int[] {37, 64, 72, 10}, "relu", dtype, Rng.seeded(7));
        SGD opt = new SGD(model.parameters(), 0.1, 0.9);
        SplittableRandom r = new SplittableRandom(3);
        Tensor x = Tensor.randn(r, dtype, 150, 37);
        float[] labels = new float[150];
        for (int i = 0; i < labels.length; i++) labels[i] = r.nextInt(10);
        Tensor y = Tensor.fromArray(labels, 150);
        List<double[]> res = new ArrayList<>();
        try (Fusion f = fuse ? Fusion.enabledScope() : Fusion.disabled()) {
            for (int step = 0; step < 3; step++) {
                opt.zeroGrad();
                Tensor out = model.forward(x);
                Tensor loss = new CrossEntropyLoss().compute(out, y);
                Set<String> ops = new TreeSet<>();
                for (Tensor t : Autograd.topologicalOrder(loss)) if (t.gradFn() != null) ops.add(t.gradFn().op());
                if (fuse) {
                    assertTrue(ops.containsAll(List.of("linearRelu", "linear")), ops.toString());
                    assertFalse(ops.contains("matmul") || ops.contains("relu"), ops.toString());
                } else {
                    assertTrue(ops.containsAll(List.of("matmul", "add", "relu")), ops.toString());
                    assertFalse(ops.contains("linear") || ops.contains("linearRelu"), ops.toString());
                }
                loss.backward();
                res.add(out.toDoubleArray());
                for (Tensor p : model.parameters()) res.add(p.grad().toDoubleArray());
                opt.step();
            }
        }
        for (Tensor p : model.parameters()) res.add(p.toDoubleArray());
        return res.toArray(new double[0][]);
    }

    @Test
    void fusionIsScoped() {
        assertTrue(Fusion.enabled());
        try (Fusion f = Fusion.disabled()) {
            assertFalse(Fusion.enabled());
            try (Fusion g = Fusion.enabledScope()) {
                assertTrue(Fusion.enabled());
            }
            assertFalse(Fusion.enabled());
        }
        assertTrue(Fusion.enabled());
    }
}
