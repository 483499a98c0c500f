package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

/** The seed tutorial's 1-1-1 walkthrough (x=3, w1=2, b1=−1, w2=1.5, b2=0.5, sigmoid, (y−ŷ)², lr 0.1). */
class ExplainerTutorialTest {
    private static Explanation explainTutorial() {
        return Explainer.explain(NetworkSpec.tutorial(), Tensor.fromArray(new double[] {3.0}, 1, 1),
                Tensor.fromArray(new double[] {2.5}, 1, 1), "sgd", 0.1);
    }

    @Test void forwardAndGradientsMatchTheWalkthroughExactly() {
        Explanation e = explainTutorial();
        assertEquals(5.0, e.valueOf("z1")[0], 0);
        assertEquals(0.9933071490757153, e.valueOf("a1")[0], 1e-16);
        assertEquals(1.989960723613573, e.valueOf("y_pred")[0], 1e-15);
        assertEquals(0.2601400634567901, e.loss(), 1e-16);
        assertEquals(-0.030516930123711365, e.gradOf("0.weight")[0], 1e-17);
        assertEquals(-0.010172310041237122, e.gradOf("0.bias")[0], 1e-17);
        assertEquals(-1.0132513190880852, e.gradOf("2.weight")[0], 1e-15);
        assertEquals(-1.020078552772854, e.gradOf("2.bias")[0], 1e-15);
        // SGD with lr 0.1 as in the walkthrough: w2 1.5 → 1.6013, loss 0.2602 → 0.0944
        assertEquals(1.6013251319088084, e.updates().get(2).after()[0], 1e-15);
        assertEquals(0.09441896634677646, e.lossAfter(), 1e-15);
        assertTrue(ExplanationFormat.text(e, 4).contains("a1 = σ(z1)"));
        assertTrue(ExplanationFormat.markdown(e, 4).contains("| a1 = σ(z1) |"));
    }
}
