package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Activation;
import org.junit.jupiter.api.Test;

/** Autograd semantics against hand derivations and PyTorch's documented behaviour. */
class AutogradTest {

    @Test
    void valueUsedTwiceGetsTheSumOfBothPaths() {
        // micrograd's test_sanity_check: z = 2x + 2 + x; q = relu(z) + z*x; h = relu(z*z); y = h + q + q*x.
        // Expected from micrograd/PyTorch (test/test_engine.py): x = -4 -> y = -20, dy/dx = 46.
        Tensor x = Tensor.of(DType.FLOAT64, -4.0).requiresGrad(true);
        Tensor z = x.mul(2).add(2).add(x);
        Tensor q = z.relu().add(z.mul(x));
        Tensor h = z.mul(z).relu();
        Tensor y = h.add(q).add(q.mul(x));
        y.sum().backward();
        assertEquals(-20.0, y.item(), 0);
        assertEquals(46.0, x.grad().item(), 0);
    }

    @Test
    void microgradMoreOps() {
        // micrograd's test_more_ops, expected values from PyTorch as recorded there:
        // g = 24.70408163265306, a.grad = 138.83381924198252, b.grad = 645.5772594752186
        Tensor a = Tensor.scalar(-4.0, DType.FLOAT64).requiresGrad(true);
        Tensor b = Tensor.scalar(2.0, DType.FLOAT64).requiresGrad(true);
        Tensor c = a.add(b);
        Tensor d = a.mul(b).add(b.pow(3));
        c = c.add(c).add(1);
        c = c.add(1).add(c).add(a.neg());
        d = d.add(d.mul(2)).add(b.add(a).relu());
        d = d.add(d.mul(3)).add(b.sub(a).relu());
        Tensor e = c.sub(d);
        Tensor f = e.pow(2);
        Tensor g = f.div(2.0);
        g = g.add(Tensor.scalar(10.0, DType.FLOAT64).div(f));
        g.backward();
        assertEquals(24.70408163265306, g.item(), 1e-12);
        assertEquals(138.83381924198252, a.grad().item(), 1e-10);
        assertEquals(645.5772594752186, b.grad().item(), 1e-10);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor w = Tensor.of(DType.FLOAT64, 3.0).requiresGrad(true);
        w.mul(w).sum().backward(); // d(w²)/dw = 6
        w.mul(w).sum().backward();
        assertEquals(12.0, w.grad().item(), 0);
        w.zeroGrad();
        assertNull(w.grad());
    }

    @Test
    void noGradRecordsNothing() {
        Tensor w = Tensor.of(2.0).requiresGrad(true);
        Tensor y;
        try (GradMode g = Autograd.noGrad()) {
            y = w.mul(3);
        }
        assertTrue(!y.requiresGrad() && y.gradFn() == null);
        assertTrue(Autograd.isGradEnabled());
        assertThrows(IllegalStateException.class, () -> y.sum().backward());
    }

    @Test
    void detachCutsTheGraph() {
        Tensor w = Tensor.of(DType.FLOAT64, 2.0).requiresGrad(true);
        Tensor y = w.mul(w.detach()); // only one path: dy/dw = w.detach() = 2
        y.sum().backward();
        assertEquals(2.0, w.grad().item(), 0);
    }

    @Test
    void broadcastingIsUndoneInBackward() {
        Tensor x = Tensor.ones(DType.FLOAT64, 4, 3);
        Tensor b = Tensor.zeros(DType.FLOAT64, 3).requiresGrad(true);
        x.add(b).sum().backward();
        assertEquals(3, b.grad().numel());
        for (double v : b.grad().toDoubleArray()) assertEquals(4.0, v, 0); // each bias element used by 4 rows
    }

    @Test
    void secondBackwardThroughReleasedGraphFails() {
        Tensor w = Tensor.of(1.0).requiresGrad(true);
        Tensor loss = w.mul(2).sum();
        loss.backward();
        GraphReleasedException e = assertThrows(GraphReleasedException.class, loss::backward);
        assertTrue(e.getMessage().contains("second time"), e.getMessage());
    }

    @Test
    void retainGraphAllowsASecondBackward() {
        Tensor w = Tensor.of(DType.FLOAT64, 1.0).requiresGrad(true);
        Tensor loss = w.mul(2).sum();
        loss.backward(Tensor.scalar(1.0, DType.FLOAT64), true);
        loss.backward();
        assertEquals(4.0, w.grad().item(), 0);
    }

    @Test
    void backwardOnNonScalarWithoutGradientNamesTheShape() {
        Tensor w = Tensor.ones(2, 3).requiresGrad(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.mul(2).backward());
        assertTrue(e.getMessage().contains("(2, 3)"), e.getMessage());
    }

    @Test
    void inPlaceChangeOfASavedTensorIsDetected() {
        Tensor w = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor a = Tensor.of(3.0, 4.0);
        Tensor y = w.mul(a).sum();
        a.fill(0); // a was saved by mul for w's gradient
        InPlaceModificationException e = assertThrows(InPlaceModificationException.class, y::backward);
        assertTrue(e.getMessage().contains("mul"), e.getMessage());
    }

    @Test
    void inPlaceOnALeafThatRequiresGradIsRefused() {
        Tensor w = Tensor.of(1.0).requiresGrad(true);
        assertThrows(IllegalStateException.class, () -> w.fill(2));
    }

    @Test
    void anomalyModeNamesTheFirstOpAndItsModule() {
        Sequential model = new Sequential(new Linear(2, 2, Rng.seeded(1)), new Activation("log", Tensor::log) {});
        Tensor x = Tensor.of(new double[][] {{-5, -5}, {-5, -5}});
        boolean prev = Autograd.setAnomalyDetection(true);
        try {
            model.parameters().get(0).requiresGrad(true);
            AnomalyException e = assertThrows(AnomalyException.class, () -> model.forward(x.mul(100)).sum().backward());
            // the first non-finite value is log of a negative number in module "1" (or the linear output if it is already huge)
            assertTrue(e.getMessage().contains("forward of 'log'") && e.getMessage().contains("module '1'"), e.getMessage());
        } finally {
            Autograd.setAnomalyDetection(prev);
        }
    }

    @Test
    void anomalyModeCatchesANonFiniteGradient() {
        Tensor x = Tensor.of(DType.FLOAT64, 0.0).requiresGrad(true);
        boolean prev = Autograd.setAnomalyDetection(true);
        try {
            Tensor y = x.sqrt(); // forward 0 is fine, backward 1/(2·0) is +Inf
            AnomalyException e = assertThrows(AnomalyException.class, () -> y.sum().backward());
            assertTrue(e.getMessage().contains("backward of 'sqrt'"), e.getMessage());
        } finally {
            Autograd.setAnomalyDetection(prev);
        }
    }

    @Test
    void deepChainDoesNotOverflowTheStack() {
        Tensor x = Tensor.of(DType.FLOAT64, 1.0).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) y = y.add(0.0);
        y.sum().backward();
        assertEquals(1.0, x.grad().item(), 0);
    }

    @Test
    void graphIsReleasedAfterBackward() {
        Tensor w = Tensor.of(1.0).requiresGrad(true);
        Tensor y = w.mul(3).exp().sum();
        y.backward();
        assertTrue(y.gradFn().isReleased());
    }
}
