package dev.nabla.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExercisesTest {
    /**
     * Exercise 1 against a hand derivation run in NumPy 2.4 (python3, float64): z1 = w1·x + b1,
     * a1 = 1/(1+exp(−z1)), y = w2@a1 + b2, dy = −2(y_true − y), dw2 = dy·a1, da1 = dy·w2,
     * dz1 = da1·a1·(1 − a1), dw1 = dz1·x, db1 = dz1; then one step with lr 0.1.
     */
    @Test void exercise1MatchesHandDerivation() {
        Exercises.HiddenTwo r = Exercises.hiddenLayerOfTwo();
        double tol = 1e-12;
        assertEquals(2.1787310580126458, r.yPred(), tol);
        assertEquals(0.10321373308567397, r.loss(), tol);
        assertEquals(-0.6425378839747085, r.dLdyPred(), tol);
        assertEquals(-0.6425378839747085, r.dLdb2(), tol);
        assertEquals(0.5642537883974709, r.b2New(), tol);
        assertEquals(2.3249904057353836, r.yPredNew(), tol);
        assertEquals(0.030628358084665644, r.lossNew(), tol);
        List<Exercises.Neuron> n = r.neurons();
        double[][] numpy = {
            // z1, a1, dL_da1, dL_dz1, dL_dw1, dL_db1, dL_dw2, w1_new, b1_new, w2_new
            {5.0, 0.9933071490757153, -0.9638068259620627, -0.0064074423986900594, -0.01922232719607018,
                -0.0064074423986900594, -0.6382374737040604, 2.001922232719607, -0.999359255760131, 1.563823747370406},
            {-0.5, 0.3775406687981454, -0.32126894198735423, -0.07549939398210695, -0.22649818194632085,
                -0.07549939398210695, -0.24258418244395658, -0.4773501818053679, 1.0075499393982108, 0.5242584182443957}};
        for (int i = 0; i < 2; i++) {
            Exercises.Neuron k = n.get(i);
            double[] got = {k.z1(), k.a1(), k.dLda1(), k.dLdz1(), k.dLdw1(), k.dLdb1(), k.dLdw2(), k.w1New(), k.b1New(), k.w2New()};
            assertArrayEquals(numpy[i], got, tol, "neuron " + i);
        }
        assertArrayEquals(new int[] {2}, r.gradShapeW1());
        assertArrayEquals(r.shapeW1(), r.gradShapeW1());
    }

    @Test void exercise2DerivativesAndBothCurvesFall() {
        Exercises.ActivationCompare r = Exercises.reluVersusSigmoid();
        for (int i = 0; i < r.z().length; i++) {
            double s = 1 / (1 + Math.exp(-r.z()[i]));
            assertEquals(s * (1 - s), r.sigmoidPrime()[i], 1e-15);
            assertEquals(r.z()[i] > 0 ? 1.0 : 0.0, r.reluPrime()[i], 0);
        }
        assertTrue(r.sigmoidLosses()[r.epochs()] < r.sigmoidLosses()[0]);
        assertTrue(r.reluLosses()[r.epochs()] < r.reluLosses()[0]);
    }

    @Test void exercise3FitsTheLine() {
        Exercises.LineFit f = Exercises.lineFit(0.1);
        assertEquals(Exercises.LINE_EPOCHS + 1, f.losses().length);
        assertEquals(2.0, f.w(), 0.15);
        assertEquals(1.0, f.b(), 0.1);
        assertEquals(f.lsW(), f.w(), 0.02);
        assertEquals(f.lsB(), f.b(), 0.02);
        assertTrue(f.losses()[f.losses().length - 1] < 1.01 * f.lsLoss() + 1e-4);
    }

    @Test void exercise5HandChainRuleAgreesWithAutograd() {
        Exercises.TwoLayer r = Exercises.twoLayerClassifier();
        assertTrue(r.maxAbsDiff() < 1e-12, "max |hand − autograd| = " + r.maxAbsDiff());
        assertTrue(r.shapesMatch());
        assertEquals(4, r.grads().size());
        assertArrayEquals(new int[] {3, 2}, r.grads().get(0).gradShape());
        assertArrayEquals(new int[] {1, 3}, r.grads().get(2).gradShape());
        // the inactive ReLU unit (z1 = −0.5) gets no gradient
        assertEquals(-0.5, r.z1()[0], 1e-15);
        assertEquals(0.0, r.grads().get(1).autograd()[0], 0);
        assertEquals(r.lossAfterHandStep(), r.lossAfterOptimizerStep(), 1e-12);
        assertTrue(r.lossAfterHandStep() < r.loss());
        assertTrue(r.sgdLosses()[r.epochs()] < r.sgdLosses()[0]);
        assertTrue(r.adamLosses()[r.epochs()] < r.adamLosses()[0]);
    }

    @Test void demoLearnsTheMoons() {
        Demo.Result r = Demo.run(new Demo.Config(200, 0.15, 16, 100, 0.05, 7));
        assertTrue(r.finalLoss() < 0.5 * r.losses()[0]);
        assertTrue(r.finalAccuracy() > 0.9, "accuracy " + r.finalAccuracy());
    }
}
