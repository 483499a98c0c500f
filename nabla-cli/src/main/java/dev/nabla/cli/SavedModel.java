package dev.nabla.cli;

import dev.nabla.DType;
import dev.nabla.Rng;
import dev.nabla.Tensor;
import dev.nabla.nn.Mlp;
import dev.nabla.nn.Sequential;
import dev.nabla.train.Checkpoint;
import dev.nabla.train.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** A model rebuilt from a checkpoint written by {@code nabla train}: architecture and scaling from its metadata. */
final class SavedModel {
    final Path file;
    final Map<String, String> meta;
    final Sequential model;
    final int[] widths;
    final String lossName;
    final Task task;
    final double[] shift, scale;

    private SavedModel(Path file, Map<String, String> meta, Sequential model, int[] widths, String lossName, Task task, double[] shift, double[] scale) {
        this.file = file;
        this.meta = meta;
        this.model = model;
        this.widths = widths;
        this.lossName = lossName;
        this.task = task;
        this.shift = shift;
        this.scale = scale;
    }

    static SavedModel load(Path file) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "checkpoint not found");
        Checkpoint.Loaded c = Checkpoint.loadWeights(file);
        Map<String, String> m = c.metadata();
        for (String k : new String[] {"nabla.layers", "nabla.activation", "nabla.loss", "nabla.task"}) {
            if (!m.containsKey(k)) {
                throw new IOException(file + ": no '" + k + "' in the safetensors __metadata__; only checkpoints written by `nabla train` record the architecture");
            }
        }
        int[] widths = Mlp.parseLayers(m.get("nabla.layers"));
        Sequential model = Mlp.of(widths, m.get("nabla.activation"), DType.FLOAT32, Rng.seeded(0));
        try {
            model.loadStateDict(c.weights());
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        model.eval();
        return new SavedModel(file, m, model, widths, m.get("nabla.loss"), Task.parse(m.get("nabla.task")),
                doubles(m.get("nabla.scaler.shift")), doubles(m.get("nabla.scaler.scale")));
    }

    private static double[] doubles(String s) {
        return s == null || s.isEmpty() ? null : Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    int inputs() { return widths[0]; }

    /** The outputs for raw features (N, inputs): scaled as in training, then the forward pass. */
    Tensor predict(Tensor raw) {
        try (var g = dev.nabla.autograd.Autograd.noGrad()) {
            return model.forward(TrainData.applyScaling(raw, shift, scale));
        }
    }
}
