package dev.nabla.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's worked example against independently computed values. Source: the float64 values listed in
 * issue 2 ("computed independently with NumPy"), re-checked with NumPy 2.4 (python3: 1/(1+np.exp(-z)) etc.).
 */
class WalkthroughTest {
    static final Map<String, Double> NUMPY = new LinkedHashMap<>();

    static {
        NUMPY.put("z1", 5.0);
        NUMPY.put("a1", 0.9933071490757153);
        NUMPY.put("y_pred", 1.989960723613573);
        NUMPY.put("loss", 0.2601400634567901);
        NUMPY.put("dL_dy_pred", -1.020078552772854);
        NUMPY.put("dL_dw2", -1.0132513190880852);
        NUMPY.put("dL_db2", -1.020078552772854);
        NUMPY.put("dL_da1", -1.530117829159281);
        NUMPY.put("dsigma_dz1", 0.006648056670790033);
        NUMPY.put("dL_dw1", -0.030516930123711365);
        NUMPY.put("dL_db1", -0.010172310041237122);
        NUMPY.put("w1_new", 2.003051693012371);
        NUMPY.put("b1_new", -0.9989827689958762);
        NUMPY.put("w2_new", 1.6013251319088084);
        NUMPY.put("b2_new", 0.6020078552772854);
        NUMPY.put("y_pred_new", 2.1927233065350116);
        NUMPY.put("loss_new", 0.09441896634677646);
        NUMPY.put("loss_change", -0.16572109711001362);
    }

    @Test void float64MatchesNumpyTo1e12() {
        Walkthrough.Result r = Walkthrough.run(Walkthrough.Config.seed());
        assertEquals(List.copyOf(NUMPY.keySet()), List.copyOf(r.values().keySet()), "keys in the seed's order");
        for (Map.Entry<String, Double> e : NUMPY.entrySet()) {
            assertEquals(e.getValue(), r.get(e.getKey()), 1e-12, e.getKey());
        }
        assertEquals(1e-12 > r.chainRuleCheck(), true, "hand chain rule agrees with autograd");
        assertArrayEquals(new double[] {NUMPY.get("loss")}, r.losses(), 1e-12);
    }

    @Test void float32MatchesNumpyTo1e5() {
        Walkthrough.Config s = Walkthrough.Config.seed();
        Walkthrough.Result r = Walkthrough.run(new Walkthrough.Config(s.x(), s.yTrue(), s.w1(), s.b1(), s.w2(), s.b2(), s.lr(),
                "sigmoid", 1, DType.FLOAT32));
        for (Map.Entry<String, Double> e : NUMPY.entrySet()) {
            assertEquals(e.getValue(), r.get(e.getKey()), 1e-5, e.getKey());
        }
    }

    @Test void seedPrintedFiguresAreOffInTheFourthDecimal() {
        Walkthrough.Result r = Walkthrough.run(Walkthrough.Config.seed());
        assertTrue(Math.abs(r.yPred() - Walkthrough.SEED_PRINTED_Y_PRED) > 5e-5);
        assertTrue(Math.abs(r.loss() - Walkthrough.SEED_PRINTED_LOSS) > 5e-5);
        assertTrue(Math.abs(r.lossNew() - Walkthrough.SEED_PRINTED_LOSS_NEW) > 5e-5);
        assertTrue(Walkthrough.Config.seed().isSeedExample());
    }

    /** ReLU and tanh: values by hand (z1 = 5 > 0, so ReLU' = 1; tanh' = 1 − tanh²). */
    @Test void otherActivationsFollowTheirDerivatives() {
        Walkthrough.Result relu = Walkthrough.run(new Walkthrough.Config(3, 2.5, 2, -1, 1.5, 0.5, 0.1, "relu", 1, DType.FLOAT64));
        assertEquals(5.0, relu.get("a1"), 0);
        assertEquals(1.0, relu.get("dsigma_dz1"), 0);
        double yp = 1.5 * 5 + 0.5, dy = -2 * (2.5 - yp);
        assertEquals(dy * 1.5 * 1 * 3, relu.get("dL_dw1"), 1e-12);
        Walkthrough.Result tanh = Walkthrough.run(new Walkthrough.Config(3, 2.5, 2, -1, 1.5, 0.5, 0.1, "TANH", 1, DType.FLOAT64));
        double t = Math.tanh(5);
        assertEquals(1 - t * t, tanh.get("dsigma_dz1"), 1e-15);
        assertTrue(tanh.chainRuleCheck() < 1e-12);
    }

    @Test void manyStepsKeepEveryLossAndShowTheLast() {
        Walkthrough.Result r = Walkthrough.run(new Walkthrough.Config(3, 2.5, 2, -1, 1.5, 0.5, 0.1, "sigmoid", 5, DType.FLOAT64));
        assertEquals(5, r.losses().length);
        assertEquals(NUMPY.get("loss"), r.losses()[0], 1e-12);
        assertEquals(NUMPY.get("loss_new"), r.losses()[1], 1e-12);
        assertEquals(r.losses()[4], r.loss(), 0);
        for (int i = 1; i < 5; i++) assertTrue(r.losses()[i] < r.losses()[i - 1]);
        assertFalse(new Walkthrough.Config(3, 2.5, 2, -1, 1.5, 0.5, 0.1, "sigmoid", 5, DType.FLOAT64).isSeedExample());
    }

    @Test void badConfigIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Walkthrough.Config(3, 2.5, 2, -1, 1.5, 0.5, 0.1, "softmax", 1, DType.FLOAT64));
        assertThrows(IllegalArgumentException.class, () -> new Walkthrough.Config(3, 2.5, 2, -1, 1.5, 0.5, 0.1, "sigmoid", 0, DType.FLOAT64));
        assertThrows(IllegalArgumentException.class, () -> new Walkthrough.Config(3, 2.5, 2, -1, 1.5, 0.5, -0.1, "sigmoid", 1, DType.FLOAT64));
        assertThrows(IllegalArgumentException.class, () -> new Walkthrough.Config(Double.NaN, 2.5, 2, -1, 1.5, 0.5, 0.1, "sigmoid", 1, DType.FLOAT64));
    }
}
