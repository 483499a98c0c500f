package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * explain's numbers for a 2-3-1 network with given weights against an independent NumPy computation.
 * The expected literals were printed by src/test/resources/explain/numpy_231.py (hand-written forward and
 * backward in NumPy 2.4, float64): W1 = [[0.1, −0.2], [0.4, 0.3], [−0.5, 0.6]], b1 = [0.05, −0.1, 0.2],
 * W2 = [[0.7, −0.8, 0.9]], b2 = [0.1], SGD lr 0.1.
 */
class ExplainerNumpyTest {
    private static final double TOL = 1e-14;

    private static NetworkSpec spec(String activation, String loss) {
        Map<String, double[]> v = new LinkedHashMap<>();
        v.put("0.weight", new double[] {0.1, -0.2, 0.4, 0.3, -0.5, 0.6});
        v.put("0.bias", new double[] {0.05, -0.1, 0.2});
        v.put("2.weight", new double[] {0.7, -0.8, 0.9});
        v.put("2.bias", new double[] {0.1});
        return NetworkSpec.of("2,3,1", activation, loss).withValues(v);
    }

    @Test void sigmoidMseBatchOfTwo() {
        Explanation e = Explainer.explain(spec("sigmoid", "mse"), Tensor.fromArray(new double[] {0.5, 1.0, -1.5, 2.0}, 2, 2),
                Tensor.fromArray(new double[] {1.0, -0.5}, 2, 1), "sgd", 0.1);
        assertArrayEquals(new double[] {-0.10000000000000002, 0.4, 0.55, -0.5, -0.10000000000000012, 2.15}, e.valueOf("z1"), TOL);
        assertArrayEquals(new double[] {0.47502081252106, 0.598687660112452, 0.6341355910108007, 0.3775406687981454, 0.47502081252106, 0.8956687768809987}, e.valueOf("a1"), TOL);
        assertArrayEquals(new double[] {0.524286472584501, 0.7903637173347525}, e.valueOf("y_pred"), TOL);
        assertEquals(0.9456709415900291, e.loss(), TOL);
        assertArrayEquals(new double[] {-0.35992332135368604, 0.3414942801163332, 0.43186106782749734, -0.4234210412950883, -0.21244860265971163, 0.117711042027983}, e.gradOf("0.weight"), TOL);
        assertArrayEquals(new double[] {0.12922609555159215, -0.16599240590507167, 0.00918939255850175}, e.gradOf("0.bias"), TOL);
        assertArrayEquals(new double[] {0.2611909545152537, 0.3281458028438237, 0.8540716135773764}, e.gradOf("2.weight"), TOL);
        assertArrayEquals(new double[] {0.8146501899192536}, e.gradOf("2.bias"), TOL);
        assertArrayEquals(new double[] {0.1359923321353686, -0.23414942801163333, 0.35681389321725027, 0.34234210412950883, -0.47875513973402883, 0.5882288957972017},
                e.updates().get(0).after(), TOL);
        assertEquals(0.7633278568980925, e.lossAfter(), TOL);
        // the bias feeds an add that broadcasts it over the batch: local derivative 1, product summed over 2 samples
        Explanation.InputGrad bias = e.backward().stream().filter(b -> b.output().equals("z1")).findFirst().orElseThrow()
                .inputs().stream().filter(i -> i.input().equals("b1")).findFirst().orElseThrow();
        assertArrayEquals(new double[] {1, 1, 1}, bias.local(), 0);
        assertTrue(bias.note().contains("broadcast"));
        // squared error: e feeds both inputs of e·e, so its gradient is an accumulation of two paths
        assertEquals(1, e.accumulations().size());
        assertEquals(2, e.accumulations().get(0).parts().size());
    }

    @Test void tanhBceOneSample() {
        Explanation e = Explainer.explain(spec("tanh", "bce"), Tensor.fromArray(new double[] {0.5, 1.0}, 1, 2),
                Tensor.fromArray(new double[] {1.0}, 1, 1), "sgd", 0.1);
        assertArrayEquals(new double[] {-0.09966799462495583, 0.3799489622552249, 0.5005202111902353}, e.valueOf("a1"), TOL);
        assertArrayEquals(new double[] {0.5440706940508331}, e.valueOf("y_pred"), TOL);
        assertEquals(0.6086760882699375, e.loss(), TOL);
        assertArrayEquals(new double[] {-0.15799008289040872, -0.31598016578081745, 0.15604431915247163, 0.31208863830494327, -0.1537693544481841, -0.3075387088963682}, e.gradOf("0.weight"), TOL);
        assertArrayEquals(new double[] {-0.31598016578081745, 0.31208863830494327, -0.3075387088963682}, e.gradOf("0.bias"), TOL);
        assertArrayEquals(new double[] {0.045441559614701414, -0.17322986665713092, -0.22820183250149442}, e.gradOf("2.weight"), TOL);
        assertArrayEquals(new double[] {-0.4559293059491669}, e.gradOf("2.bias"), TOL);
        assertEquals(0.5192936733409338, e.lossAfter(), TOL);
    }

    @Test void localTimesUpstreamIsTheProductForElementwiseNodes() {
        Explanation e = Explainer.explain(spec("sigmoid", "mse"), Tensor.fromArray(new double[] {0.5, 1.0}, 1, 2),
                Tensor.fromArray(new double[] {1.0}, 1, 1), "sgd", 0.1);
        for (Explanation.BackwardStep b : e.backward()) {
            for (Explanation.InputGrad g : b.inputs()) {
                if (g.local() == null || g.note() != null || g.local().length != b.upstream().length) continue;
                for (int i = 0; i < g.local().length; i++) assertEquals(g.local()[i] * b.upstream()[i], g.product()[i], 1e-15, b.output() + " → " + g.input());
            }
        }
    }
}
