package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Rng;
import dev.nabla.Tensor;
import dev.nabla.data.DataLoader;
import dev.nabla.data.Datasets;
import dev.nabla.data.SyntheticData;
import dev.nabla.data.TensorDataset;
import dev.nabla.loss.CrossEntropyLoss;
import dev.nabla.loss.Loss;
import dev.nabla.loss.MSELoss;
import dev.nabla.nn.Mlp;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.LRScheduler;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.SGD;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop: loss falls, early stopping stops, resume is bit-identical, NaN stops or skips. */
class TrainerTest {
    @TempDir Path dir;

    private static final Datasets.Split MOONS = Datasets.split(SyntheticData.twoMoons(400, 0.1, 7), 0.8, 1);

    private static Sequential mlp(long seed) { return Mlp.of(new int[] {2, 16, 2}, "relu", DType.FLOAT32, Rng.seeded(seed)); }

    private static DataLoader trainLoader() { return new DataLoader(MOONS.train(), 32).shuffle(5); }

    private static DataLoader valLoader() { return new DataLoader(MOONS.validation(), 64); }

    @Test void lossFallsAndAccuracyRises() {
        Sequential model = mlp(0);
        TrainResult r = Trainer.builder().epochs(25).build()
                .fit(model, new CrossEntropyLoss(), new Adam(model.parameters(), 0.02), trainLoader(), valLoader());
        double[] loss = r.history().column("train_loss");
        assertEquals(25, loss.length);
        assertTrue(loss[loss.length - 1] < 0.3 * loss[0], "loss " + loss[0] + " -> " + loss[loss.length - 1]);
        assertTrue(r.last().get("val_accuracy") > 0.95, "val_accuracy " + r.last().get("val_accuracy"));
        assertTrue(r.samplesPerSecond() > 0);
        assertEquals(25L * trainLoader().numBatches(), r.steps());
        assertNull(r.stopReason());
    }

    @Test void earlyStoppingStops() {
        Sequential model = mlp(0);
        // lr 0: nothing changes, so the validation loss never improves after epoch 1
        TrainResult r = Trainer.builder().epochs(50).callback(new EarlyStopping(3, 0.0)).build()
                .fit(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.0, 0, 0, 0, false), trainLoader(), valLoader());
        assertEquals(4, r.epochs());
        assertEquals(4, r.history().size());
        assertNotNull(r.stopReason());
        assertTrue(r.stopReason().contains("early stopping"), r.stopReason());
    }

    private static Trainer.Builder resumable(int epochs, Path ckpt) {
        return Trainer.builder().epochs(epochs).checkpoint(ckpt).callback(GradientClipping.byNorm(5.0));
    }

    private static Optimizer adam(Sequential m) { return new Adam(m.parameters(), 0.01, 0.9, 0.999, 1e-8, 1e-4, false); }

    @Test void resumeContinuesBitIdentically() throws Exception {
        Loss loss = new CrossEntropyLoss();
        // uninterrupted: 6 epochs
        Sequential a = mlp(3);
        Optimizer oa = adam(a);
        LRScheduler sa = new LRScheduler.StepLR(oa, 2, 0.5);
        TrainResult ra = resumable(6, dir.resolve("a.safetensors")).callback(new SchedulerStep(sa)).build()
                .fit(a, loss, oa, trainLoader(), valLoader());

        // interrupted after 3 epochs, then fresh objects (other initial weights), loaded, continued to 6
        Sequential b = mlp(3);
        Optimizer ob = adam(b);
        LRScheduler sb = new LRScheduler.StepLR(ob, 2, 0.5);
        Path ck = dir.resolve("b.safetensors");
        resumable(3, ck).callback(new SchedulerStep(sb)).build().fit(b, loss, ob, trainLoader(), valLoader());
        assertTrue(Files.exists(Checkpoint.statePath(ck)));

        Sequential c = mlp(99);
        Optimizer oc = adam(c);
        LRScheduler sc = new LRScheduler.StepLR(oc, 2, 0.5);
        TrainResult rc = resumable(6, ck).callback(new SchedulerStep(sc)).build()
                .resume(ck, c, loss, oc, trainLoader(), valLoader());

        for (Map.Entry<String, Tensor> e : a.namedParameters().entrySet()) {
            assertArrayEquals(e.getValue().toFloatArray(), c.namedParameters().get(e.getKey()).toFloatArray(), 0f, e.getKey());
        }
        assertEquals(6, rc.history().size());
        assertArrayEquals(ra.history().column("train_loss"), rc.history().column("train_loss"), 0.0);
        assertArrayEquals(ra.history().column("val_loss"), rc.history().column("val_loss"), 0.0);
        assertArrayEquals(ra.history().column("lr"), rc.history().column("lr"), 0.0);
        assertEquals(ra.steps(), rc.steps());
        // the weights file alone is PyTorch-named and loads into a fresh model
        Checkpoint.Loaded w = Checkpoint.loadWeights(ck);
        assertEquals(a.namedParameters().keySet(), w.weights().keySet());
        assertEquals("6", w.metadata().get("nabla.epoch"));
    }

    private static TensorDataset withNaN() {
        float[] x = new float[32 * 2], y = new float[32];
        for (int i = 0; i < x.length; i++) x[i] = (i % 7) / 7f;
        for (int i = 0; i < y.length; i++) y[i] = i % 3;
        x[2 * 20 + 1] = Float.NaN; // sample 20, feature 1
        return new TensorDataset(Tensor.fromArray(x, 32, 2), Tensor.fromArray(y, 32, 1));
    }

    @Test void nanStopsWithEpochStepAndLayer() {
        Sequential model = Mlp.of(new int[] {2, 4, 1}, "tanh", DType.FLOAT32, Rng.seeded(1));
        DataLoader data = new DataLoader(withNaN(), 8); // sample 20 is in the third batch
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> Trainer.builder().epochs(2).build()
                .fit(model, new MSELoss(), new SGD(model.parameters(), 0.01, 0, 0, 0, false), data, null));
        assertEquals(1, e.epoch());
        assertEquals(3, e.step());
        assertEquals("0.weight", e.parameter());
        assertTrue(e.getMessage().contains("epoch 1, step 3 (batch 3 of 4)"), e.getMessage());
        assertTrue(e.getMessage().contains("loss is NaN"), e.getMessage());
        assertTrue(e.getMessage().contains("first non-finite output in layer 0"), e.getMessage());
        assertTrue(e.getMessage().contains("first non-finite gradient in layer '0.weight'"), e.getMessage());
    }

    @Test void nanSkipsTheStepWhenAsked() {
        Sequential model = Mlp.of(new int[] {2, 4, 1}, "tanh", DType.FLOAT32, Rng.seeded(1));
        StringBuilder notes = new StringBuilder();
        Progress p = new Progress() {
            @Override public void message(String line) { notes.append(line).append('\n'); }
        };
        TrainResult r = Trainer.builder().epochs(2).onNonFinite(Trainer.NonFinite.SKIP).progress(p).build()
                .fit(model, new MSELoss(), new SGD(model.parameters(), 0.01, 0, 0, 0, false), new DataLoader(withNaN(), 8), null);
        assertEquals(2, r.skippedSteps());
        for (Tensor t : model.parameters()) for (float v : t.toFloatArray()) assertTrue(Float.isFinite(v));
        assertTrue(Double.isFinite(r.last().trainLoss()));
        assertTrue(notes.toString().contains("skipped: non-finite values at epoch 1, step 3"), notes.toString());
    }

    @Test void regressionMetrics() {
        TensorDataset lin = SyntheticData.linear(256, 2.0, 1.0, 0.05, 3);
        Sequential model = Mlp.of(new int[] {1, 1}, "identity", DType.FLOAT32, Rng.seeded(0));
        TrainResult r = Trainer.builder().epochs(40).build()
                .fit(model, new MSELoss(), new SGD(model.parameters(), 0.1, 0, 0, 0, false), new DataLoader(lin, 32).shuffle(1), new DataLoader(lin, 256));
        History.Row last = r.last();
        assertTrue(last.get("val_rmse") < 0.07, "rmse " + last.get("val_rmse"));
        assertTrue(last.get("val_r2") > 0.99, "r2 " + last.get("val_r2"));
        assertTrue(last.get("val_mae") <= last.get("val_rmse"));
        assertEquals(2.0, model.namedParameters().get("0.weight").item(), 0.05);
    }
}
