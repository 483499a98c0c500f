package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.loss.BCELoss;
import dev.nabla.loss.BCEWithLogitsLoss;
import dev.nabla.loss.CrossEntropyLoss;
import dev.nabla.loss.L1Loss;
import dev.nabla.loss.Loss;
import dev.nabla.loss.MSELoss;
import dev.nabla.loss.NLLLoss;
import dev.nabla.loss.Reduction;
import dev.nabla.nn.Init;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Mlp;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.AdamW;
import dev.nabla.optim.GradClip;
import dev.nabla.optim.LRScheduler;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.RMSprop;
import dev.nabla.optim.SGD;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Linear, every loss and every optimizer step against independent NumPy computations: the values come
 * from tools/reference_values.py (optimizers written there from PyTorch's documented pseudo-code).
 */
class NnLossOptimTest {
    static final DType F64 = DType.FLOAT64;

    @Test
    void linearForwardAndBackwardMatchNumpy() {
        Linear lin = new Linear(3, 2, true, F64, Rng.seeded(0));
        Init.values(lin.weight(), 0.1, 0.2, 0.3, -0.4, 0.5, -0.6);
        Init.values(lin.bias(), 0.5, -0.5);
        Tensor x = Tensor.of(F64, new double[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad(true);
        Tensor y = lin.forward(x);
        assertArrayEquals(new double[] {1.9, -1.7, 3.7, -3.2}, y.toDoubleArray(), 1e-12);
        y.pow(2).sum().backward();
        assertArrayEquals(new double[] {33.4, 44.6, 55.8, -29.0, -38.8, -48.6}, lin.weight().grad().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {11.2, -9.8}, lin.bias().grad().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {1.74, -0.94, 3.18, 3.3, -1.72, 6.06}, x.grad().toDoubleArray(), 1e-12);
        assertArrayEquals(new int[] {2, 3}, lin.weight().shape()); // (out, in) as PyTorch
    }

    @Test
    void linearRejectsWrongInputWidthNamingShapes() {
        Linear lin = new Linear(3, 2);
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> lin.forward(Tensor.zeros(4, 5)));
        assertTrue(e.getMessage().contains("(4, 5)") && e.getMessage().contains("Linear"), e.getMessage());
    }

    @Test
    void matmulMismatchMessageNamesBothShapes() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Tensor.zeros(128, 784).matmul(Tensor.zeros(256, 10)));
        assertEquals("matmul: (128, 784) @ (256, 10): inner dimensions 784 and 256 differ", e.getMessage());
    }

    @Test
    void unknownActivationNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dev.nabla.nn.Activation.byName("swish"));
        assertTrue(e.getMessage().contains("'swish'") && e.getMessage().contains("relu") && e.getMessage().contains("sigmoid"), e.getMessage());
    }

    @Test
    void dropoutScalesInTrainingAndIsIdentityInEval() {
        dev.nabla.nn.Dropout d = new dev.nabla.nn.Dropout(0.5, Rng.seeded(3));
        Tensor x = Tensor.ones(1000);
        double[] y = d.forward(x).toDoubleArray();
        int zeros = 0;
        for (double v : y) { if (v == 0) zeros++; else assertEquals(2.0, v, 0); } // survivors scaled by 1/(1-p)
        assertTrue(zeros > 400 && zeros < 600, "zeros " + zeros);
        d.eval();
        assertArrayEquals(x.toDoubleArray(), d.forward(x).toDoubleArray(), 0);
    }

    @Test
    void initialisersFollowPyTorchBounds() {
        Tensor w = Tensor.zeros(F64, 200, 300);
        Init.xavierUniform(w, 1.0, Rng.seeded(1));
        double bound = Math.sqrt(6.0 / (300 + 200)); // Glorot & Bengio: ±√(6/(fan_in+fan_out))
        double max = 0;
        for (double v : w.toDoubleArray()) max = Math.max(max, Math.abs(v));
        assertTrue(max <= bound && max > 0.99 * bound, "max " + max + " bound " + bound);
        Init.kaimingNormal(w, "relu", Rng.seeded(2));
        double ss = 0;
        for (double v : w.toDoubleArray()) ss += v * v;
        double std = Math.sqrt(ss / w.numel());
        assertEquals(Math.sqrt(2.0 / 300), std, 0.01 * Math.sqrt(2.0 / 300) * 3); // He: std = √2/√fan_in
    }

    @Test
    void stateDictUsesPyTorchNamesAndChecksShapes() {
        Sequential m = Mlp.of("2,3,1", "sigmoid", Rng.seeded(1));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(m.stateDict().keySet()));
        Map<String, Tensor> sd = m.stateDict();
        sd.put("2.weight", Tensor.zeros(3, 1));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> m.loadStateDict(sd));
        assertTrue(e.getMessage().contains("2.weight") && e.getMessage().contains("(1, 3)") && e.getMessage().contains("(3, 1)"), e.getMessage());
    }

    @Test
    void lossesMatchNumpy() {
        Tensor z = Tensor.of(F64, new double[][] {{1.0, 2.0, 0.5}, {-1.0, 0.0, 3.0}}).requiresGrad(true);
        Tensor labels = Tensor.of(F64, 2, 0);
        Tensor ce = new CrossEntropyLoss().compute(z, labels);
        assertEquals(3.015126343932687, ce.item(), 1e-12);
        ce.backward();
        assertArrayEquals(new double[] {0.1156119488110745, 0.3142658596058811, -0.4298778084169558,
                -0.4914260872272398, 0.023306311288986945, 0.4681197759382528}, z.grad().toDoubleArray(), 1e-12);
        assertEquals(0.25, new NLLLoss(Reduction.MEAN).compute(z.detach(), labels).item(), 1e-12);

        Tensor p = Tensor.of(F64, 0.2, 0.9, 0.6).requiresGrad(true);
        Tensor t = Tensor.of(F64, 0, 1, 1);
        Tensor bce = new BCELoss(Reduction.MEAN).compute(p, t);
        assertEquals(0.2797765635793423, bce.item(), 1e-12);
        bce.backward();
        assertArrayEquals(new double[] {0.4166666666666666, -0.3703703703703704, -0.5555555555555556}, p.grad().toDoubleArray(), 1e-12);

        Tensor xl = Tensor.of(F64, -1.5, 0.3, 2.0).requiresGrad(true);
        Tensor bl = new BCEWithLogitsLoss(Reduction.MEAN).compute(xl, Tensor.of(F64, 0, 1, 0.5));
        assertEquals(0.6275655111647506, bl.item(), 1e-12);
        bl.backward();
        assertArrayEquals(new double[] {0.060808507935452116, -0.14185249439611367, 0.12693235932596078}, xl.grad().toDoubleArray(), 1e-12);

        Tensor a = Tensor.of(F64, 1.0, -2.0, 0.5), c = Tensor.of(F64, 0.5, 1.0, 2.0);
        assertEquals(3.8333333333333335, new MSELoss().compute(a, c).item(), 1e-12);
        assertEquals(11.5, new MSELoss(Reduction.SUM).compute(a, c).item(), 1e-12);
        assertEquals(1.6666666666666667, new L1Loss(Reduction.MEAN).compute(a, c).item(), 1e-12);
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        Tensor z = Tensor.of(new double[][] {{1000f, 0f, -1000f}, {-1e30, 1e30, 0}}).requiresGrad(true);
        Tensor ce = new CrossEntropyLoss().compute(z, Tensor.of(0, 1));
        assertEquals(0.0, ce.item(), 1e-6); // both samples predict their label with probability ~1
        ce.backward();
        for (double g : z.grad().toDoubleArray()) assertTrue(Double.isFinite(g));
        Tensor ls = Tensor.of(1000f, 0f).logSoftmax(0);
        assertEquals(-1000.0, ls.toDoubleArray()[1], 1e-3);
    }

    @Test
    void lossesRejectMismatchedShapes() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> new MSELoss().compute(Tensor.zeros(4, 1), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("(4, 1)") && e.getMessage().contains("(4,)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss().compute(Tensor.zeros(2, 3), Tensor.of(0, 3)));
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> Loss.byName("hinge"));
        assertTrue(u.getMessage().contains("cross-entropy"), u.getMessage());
    }

    /** Runs 3 steps on f(θ) = Σ w(θ − c)² from θ₀ = (1, −2, 3), as tools/reference_values.py does. */
    static double[] run(Function<List<Tensor>, Optimizer> make) {
        Tensor th = Tensor.of(F64, 1.0, -2.0, 3.0).requiresGrad(true);
        Tensor c = Tensor.of(F64, 0.5, 0.5, -1.0), w = Tensor.of(F64, 1.0, 2.0, 0.5);
        Optimizer opt = make.apply(List.of(th));
        for (int i = 0; i < 3; i++) {
            opt.zeroGrad();
            th.sub(c).pow(2).mul(w).sum().backward();
            opt.step();
        }
        return th.toDoubleArray();
    }

    /**
     * Momentum SGD in float32 with the parameters split in three, plus one that gets no gradient: the all-at-once
     * update (from the second step on) gives tools/reference_values.py's float64 values within float32 rounding, and
     * leaves the unused parameter alone.
     */
    @Test
    void momentumSgdUpdatesAllParametersAtOnceInFloat32() {
        double[] start = {1.0, -2.0, 3.0}, c = {0.5, 0.5, -1.0}, w = {1.0, 2.0, 0.5};
        List<Tensor> ps = new java.util.ArrayList<>();
        for (double v : start) ps.add(Tensor.of(v).requiresGrad(true));
        Tensor unused = Tensor.of(7.0).requiresGrad(true);
        ps.add(unused);
        Optimizer opt = new SGD(ps, 0.1, 0.9);
        for (int step = 0; step < 3; step++) {
            opt.zeroGrad();
            Tensor f = null;
            for (int i = 0; i < 3; i++) {
                Tensor term = ps.get(i).sub(c[i]).pow(2).mul(w[i]);
                f = f == null ? term : f.add(term);
            }
            f.backward();
            opt.step();
        }
        double[] want = {0.531, 1.85, 0.944};
        for (int i = 0; i < 3; i++) assertEquals(want[i], ps.get(i).item(), 1e-5, "parameter " + i);
        assertEquals(7.0, unused.item(), 0.0);
        assertEquals(3, opt.stepCount());
    }

    @Test
    void optimizersMatchPyTorchDocumentedRules() {
        assertArrayEquals(new double[] {0.756, -0.04, 1.916}, run(p -> new SGD(p, 0.1)), 1e-12);
        assertArrayEquals(new double[] {0.531, 1.85, 0.944}, run(p -> new SGD(p, 0.1, 0.9)), 1e-12);
        assertArrayEquals(new double[] {0.633464573875, 0.7979158322500002, 1.429466177875}, run(p -> new SGD(p, 0.05, 0.9, 0, 0.1, true)), 1e-12);
        assertArrayEquals(new double[] {0.69984, 0.5424, 1.70164}, run(p -> new SGD(p, 0.1, 0.5, 0.3, 0, false)), 1e-12);
        assertArrayEquals(new double[] {0.7048712525602996, -1.7004739335578976, 2.7002738447222034}, run(p -> new Adam(p, 0.1)), 1e-12);
        assertArrayEquals(new double[] {0.7044825624693172, -1.7004767377672079, 2.700281080757912}, run(p -> new Adam(p, 0.1, 0.9, 0.999, 1e-8, 0.1, false)), 1e-12);
        assertArrayEquals(new double[] {0.6790401710086296, -1.644176218192838, 2.614254813380807}, run(p -> new AdamW(p, 0.1, 0.1)), 1e-12);
        assertArrayEquals(new double[] {0.7904332263210434, -1.774468029486376, 2.7731733151134486}, run(p -> new RMSprop(p, 0.01)), 1e-12);
        assertArrayEquals(new double[] {0.5706349108248898, -1.5390070726809906, 2.5365736954043236},
                run(p -> new RMSprop(p, 0.01, 0.99, 1e-8, 0.01, 0.9, true)), 1e-12);
    }

    @Test
    void optimizerValidatesHyperparameters() {
        List<Tensor> p = List.of(Tensor.zeros(1).requiresGrad(true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SGD(p, -0.1));
        assertEquals("Invalid learning rate: -0.1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam(p, 0.1, 1.0, 0.999, 1e-8, 0, false));
    }

    @Test
    void optimizerStateRoundTripsSoResumedRunsContinueExactly() {
        Tensor a = Tensor.of(F64, 1.0, -2.0, 3.0).requiresGrad(true);
        Tensor b = Tensor.of(F64, 1.0, -2.0, 3.0).requiresGrad(true);
        Adam oa = new Adam(List.of(a), 0.1), ob = new Adam(List.of(b), 0.1);
        for (int i = 0; i < 5; i++) {
            if (i == 2) { // "resume" b's optimizer from a saved state
                Map<String, Tensor> sd = ob.stateDict();
                ob = new Adam(List.of(b), 0.1);
                ob.loadStateDict(sd);
            }
            for (var pr : List.of(Map.entry(a, oa), Map.entry(b, ob))) {
                pr.getValue().zeroGrad();
                pr.getKey().pow(2).sum().backward();
                pr.getValue().step();
            }
        }
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 0.0);
    }

    @Test
    void schedulersFollowTheirClosedForms() {
        Optimizer o = new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), 0.1);
        LRScheduler s = new LRScheduler.StepLR(o, 2, 0.5);
        double[] expected = {0.1, 0.05, 0.05, 0.025}; // epochs 1..4: 0.1·0.5^⌊t/2⌋
        for (double e : expected) { s.step(); assertEquals(e, o.lr(), 1e-15); }
        Optimizer o2 = new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), 1.0);
        LRScheduler cos = new LRScheduler.CosineAnnealingLR(o2, 4, 0.0);
        cos.step(); cos.step();
        assertEquals(0.5, o2.lr(), 1e-15); // half way: (1 + cos(π/2))/2
        Optimizer o3 = new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), 2.0);
        LRScheduler ex = new LRScheduler.ExponentialLR(o3, 0.9);
        ex.step(); ex.step();
        assertEquals(2.0 * 0.81, o3.lr(), 1e-15);
    }

    @Test
    void gradientClippingByNormAndValue() {
        Tensor a = Tensor.of(F64, 0.0, 0.0).requiresGrad(true);
        a.setGrad(Tensor.of(F64, 3.0, 4.0));
        double n = GradClip.clipGradNorm(List.of(a), 1.0);
        assertEquals(5.0, n, 1e-12);
        assertArrayEquals(new double[] {0.6, 0.8}, a.grad().toDoubleArray(), 1e-6); // 3/5, 4/5 (factor 1/(5+1e-6))
        a.setGrad(Tensor.of(F64, -3.0, 0.5));
        GradClip.clipGradValue(List.of(a), 1.0);
        assertArrayEquals(new double[] {-1.0, 0.5}, a.grad().toDoubleArray(), 0);
    }
}
