package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.AnomalyException;
import dev.nabla.DType;
import dev.nabla.Rng;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Init;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagnostics measured from real training, anomaly mode on a constructed first NaN, and the demonstrations. */
class DiagnosticsTest {
    @TempDir Path dir;

    @Test void deadReluMeasuredAndPlotted() throws Exception {
        Linear l1 = new Linear(2, 8, true, DType.FLOAT64, Rng.seeded(1));
        Init.constant(l1.bias(), -10);
        Sequential m = new Sequential(l1, new Activation.ReLU(), new Linear(8, 1, true, DType.FLOAT64, Rng.seeded(2)));
        Diagnostics d = new Diagnostics(m);
        Tensor x = Tensor.randn(Rng.seeded(3), DType.FLOAT64, 16, 2), y = Tensor.zeros(DType.FLOAT64, 16, 1);
        var opt = new dev.nabla.optim.SGD(m.parameters(), 0.01);
        for (int e = 0; e < 6; e++) {
            opt.zeroGrad();
            Tensor loss = x.matmul(Tensor.ones(DType.FLOAT64, 2, 1)).mul(0).add(m.forward(x)).sub(y).pow(2).mean();
            loss.backward();
            d.afterBackward(loss);
            opt.step();
            d.afterStep();
            d.endEpoch();
        }
        Diagnostics.LayerStats s = d.history().get(5).layers().get(0);
        assertEquals(1.0, s.deadShare(), 0);
        assertEquals(0.0, s.gradNorm(), 0);
        assertTrue(d.advice().stream().anyMatch(a -> a.kind() == Advice.Kind.DEAD_RELUS && "0".equals(a.layer())));
        List<Path> files = d.writePlots(dir, "diag");
        for (Path p : files) assertTrue(Files.size(p) > 1000, p.toString());
        assertTrue(javax.imageio.ImageIO.read(files.get(0).toFile()).getWidth() > 0);
    }

    @Test void anomalyModeNamesTheLayerOfTheFirstNaN() {
        // log of a negative number inside module "1" of a Sequential makes the first NaN
        Module logLayer = new Module() {
            @Override public Tensor forward(Tensor x) { return x.log(); }
        };
        Linear lin = new Linear(2, 2, true, DType.FLOAT64, Rng.seeded(1));
        Init.values(lin.weight(), 1, 0, 0, -1);
        Init.values(lin.bias(), 0, 0);
        Sequential m = new Sequential(lin, logLayer);
        Tensor x = Tensor.fromArray(new double[] {1, 1}, 1, 2);
        boolean prev = Autograd.setAnomalyDetection(true);
        try {
            AnomalyException ex = assertThrows(AnomalyException.class, () -> m.forward(x));
            assertTrue(ex.getMessage().contains("'log'"), ex.getMessage());
            assertTrue(ex.getMessage().contains("module '1'"), ex.getMessage());
            assertTrue(ex.getMessage().contains("NaN"), ex.getMessage());
        } finally {
            Autograd.setAnomalyDetection(prev);
        }
    }

    @Test void vanishingDemonstrationShowsTheProblemAndTheFix() throws Exception {
        Demonstrations.Result r = Demonstrations.run("vanishing", dir, 1);
        assertTrue(r.runs().get(0).advice().stream().anyMatch(a -> a.kind() == Advice.Kind.VANISHING_GRADIENTS));
        assertTrue(r.runs().get(1).advice().isEmpty(), r.runs().get(1).advice().toString());
        assertTrue(r.runs().get(1).lastLoss() < r.runs().get(0).lastLoss());
        assertTrue(Files.size(dir.resolve("vanishing-sigmoid.png")) > 1000);
    }

    @Test void explodingDemonstrationNamesTheFirstNonFiniteOp() throws Exception {
        Demonstrations.Result r = Demonstrations.run("exploding", null, 1);
        assertTrue(r.runs().get(0).anomaly().startsWith("anomaly: forward of"), r.runs().get(0).anomaly());
        assertTrue(r.runs().get(0).advice().stream().anyMatch(a -> a.kind() == Advice.Kind.EXPLODING_GRADIENTS));
        assertTrue(Double.isFinite(r.runs().get(1).lastLoss()));
        assertTrue(Double.isFinite(r.runs().get(2).lastLoss()));
    }
}
