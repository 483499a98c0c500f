package dev.nabla.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.Datasets;
import dev.nabla.data.SyntheticData;
import dev.nabla.data.TensorDataset;
import dev.nabla.io.Safetensors;
import dev.nabla.loss.CrossEntropyLoss;
import dev.nabla.loss.Loss;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.train.EarlyStopping;
import dev.nabla.train.TrainResult;
import dev.nabla.train.Trainer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java examples, verbatim in substance, so the README stays true. */
class ReadmeExampleTest {
    @TempDir Path dir;

    @Test
    void javaEngineerExampleRunsAndLearns() throws Exception {
        TensorDataset data = SyntheticData.twoMoons(1000, 0.1, 42);
        var split = Datasets.split(data, 0.8, 42);
        Sequential model = new Sequential(new Linear(2, 16), new Activation.ReLU(), new Linear(16, 2));
        Loss loss = new CrossEntropyLoss();
        Optimizer opt = new Adam(model.parameters(), 1e-2);
        for (Batch b : new DataLoader(split.train(), 32).shuffle(0)) {
            opt.zeroGrad();
            Tensor l = loss.compute(model.forward(b.x()), b.y());
            l.backward();
            opt.step();
        }
        TrainResult r = Trainer.builder().epochs(20).callback(new EarlyStopping(5, 1e-4)).build()
                .fit(model, loss, opt, new DataLoader(split.train(), 32).shuffle(0), new DataLoader(split.validation(), 256));
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(file, model.stateDict(), Map.of());
        assertTrue(r.history().rows().get(r.history().rows().size() - 1).trainLoss() < 0.2, "the moons are learnable");
        assertEquals(model.stateDict().keySet(), Safetensors.load(file).tensors().keySet());
    }

    @Test
    void autogradExamplePrintsTheGradient() {
        Tensor x = Tensor.of(DType.FLOAT64, 3.0).requiresGrad(true);
        Tensor y = x.mul(2).add(1).sigmoid();
        y.backward();
        // d/dx σ(2x+1) = 2σ(7)(1−σ(7)) = 0.0018204... (hand computation)
        assertEquals("tensor([0.0018], dtype=float64)", x.grad().toString());
    }
}
