package dev.nabla.train;

import dev.nabla.Tensor;
import dev.nabla.io.Safetensors;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checkpoints of a training run as two safetensors files, each written atomically:
 * <ul>
 * <li>{@code NAME.safetensors} — the model's weights under PyTorch state-dict names ("0.weight",
 *     "0.bias", ...), loadable by PyTorch's {@code safetensors.torch.load_file}, with the caller's
 *     metadata (e.g. the architecture: layers, activation, task) in {@code __metadata__};
 * <li>{@code NAME.state.safetensors} — the training state: the weights again ("model.0.weight", ...),
 *     the optimizer's {@link Optimizer#stateDict()} ("optimizer.exp_avg.0", "optimizer.step", ...),
 *     and in the metadata the epoch, the global step, the optimizer's class and the history so far.
 * </ul>
 * The state file is self-contained, so a crash between the two writes can never pair weights of one
 * epoch with optimizer state of another: {@link Trainer#resume} reads only the state file. The data
 * order needs no saved RNG state: a {@code DataLoader} draws epoch e's permutation from (seed, e), so
 * the epoch number restores it. (A {@code Dropout} with its own generator is not captured.)
 */
public final class Checkpoint {
    private Checkpoint() {}

    /** Metadata key of the format marker in the state file. */
    public static final String FORMAT = "nabla.format";
    static final String STATE_FORMAT = "nabla-train-state/1";

    /** Position of a run: epochs finished, optimizer steps taken, and the history of those epochs. */
    public record State(int epoch, long step, History history) {}

    /**
     * A loaded checkpoint.
     *
     * @param weights   the model's state dict
     * @param metadata  the weights file's metadata
     * @param optimizer the optimizer's state dict (null when only weights were loaded)
     * @param state     the run's position (null when only weights were loaded)
     * @param optimizerClass simple class name of the optimizer that wrote the state (null without state)
     */
    public record Loaded(Map<String, Tensor> weights, Map<String, String> metadata, Map<String, Tensor> optimizer, State state,
                         String optimizerClass) {}

    /** The state file beside a weights file: "run/model.safetensors" → "run/model.state.safetensors". */
    public static Path statePath(Path weights) {
        String name = weights.getFileName().toString();
        String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
        return weights.resolveSibling(stem + ".state.safetensors");
    }

    /** Writes only the weights (PyTorch names) with {@code metadata}. */
    public static void saveWeights(Path file, Module model, Map<String, String> metadata) throws IOException {
        Safetensors.save(file, model.stateDict(), metadata);
    }

    /** Writes the state file, then the weights file (see the class comment). */
    public static void save(Path file, Module model, Optimizer optimizer, State state, Map<String, String> metadata) throws IOException {
        Map<String, Tensor> weights = model.stateDict();
        Map<String, Tensor> all = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : weights.entrySet()) all.put("model." + e.getKey(), e.getValue());
        for (Map.Entry<String, Tensor> e : optimizer.stateDict().entrySet()) all.put("optimizer." + e.getKey(), e.getValue());
        Map<String, String> meta = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
        meta.put(FORMAT, STATE_FORMAT);
        meta.put("nabla.epoch", Integer.toString(state.epoch()));
        meta.put("nabla.step", Long.toString(state.step()));
        meta.put("nabla.optimizer", optimizer.getClass().getSimpleName());
        meta.put("nabla.history", state.history() == null ? "[]" : state.history().toJson());
        Safetensors.save(statePath(file), all, meta);
        Map<String, String> wmeta = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
        wmeta.put("nabla.epoch", Integer.toString(state.epoch()));
        Safetensors.save(file, weights, wmeta);
    }

    /** Loads the weights file only. */
    public static Loaded loadWeights(Path file) throws IOException {
        Safetensors.Loaded f = Safetensors.load(file);
        return new Loaded(f.tensors(), f.metadata(), null, null, null);
    }

    /**
     * Loads the training state for a resume: from {@code file} if it is a state file, else from the
     * state file beside it. A missing state file is an error naming it.
     */
    public static Loaded loadState(Path file) throws IOException {
        Path st = STATE_FORMAT.equals(formatOf(file)) ? file : statePath(file);
        if (!Files.exists(st)) {
            throw new NoSuchFileException(st.toString(), null, "no training state to resume from (it is written beside the weights by Trainer "
                    + "checkpoints; a weights-only file cannot be resumed exactly)");
        }
        Safetensors.Loaded f = Safetensors.load(st);
        Map<String, String> meta = f.metadata();
        if (!STATE_FORMAT.equals(meta.get(FORMAT))) {
            throw new IOException(st + ": not a Nabla training-state file (metadata " + FORMAT + " is " + meta.get(FORMAT) + ", expected " + STATE_FORMAT + ")");
        }
        Map<String, Tensor> weights = new LinkedHashMap<>(), opt = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : f.tensors().entrySet()) {
            if (e.getKey().startsWith("model.")) weights.put(e.getKey().substring(6), e.getValue());
            else if (e.getKey().startsWith("optimizer.")) opt.put(e.getKey().substring(10), e.getValue());
            else throw new IOException(st + ": unexpected tensor '" + e.getKey() + "' (expected model.* or optimizer.*)");
        }
        int epoch;
        long step;
        History history;
        try {
            epoch = Integer.parseInt(meta.get("nabla.epoch"));
            step = Long.parseLong(meta.get("nabla.step"));
            history = History.fromJson(meta.getOrDefault("nabla.history", "[]"));
        } catch (RuntimeException e) {
            throw new IOException(st + ": bad training-state metadata: " + e.getMessage(), e);
        }
        Map<String, String> userMeta = new LinkedHashMap<>(meta);
        userMeta.keySet().removeIf(k -> k.equals(FORMAT) || k.equals("nabla.step") || k.equals("nabla.history") || k.equals("nabla.optimizer"));
        return new Loaded(weights, userMeta, opt, new State(epoch, step, history), meta.get("nabla.optimizer"));
    }

    private static String formatOf(Path file) throws IOException {
        if (!Files.exists(file)) return null;
        return Safetensors.readHeader(file).metadata().get(FORMAT);
    }

    /** Puts a loaded state into {@code model} and {@code optimizer}, checking the optimizer's class. */
    public static void restore(Loaded loaded, Module model, Optimizer optimizer) {
        model.loadStateDict(loaded.weights());
        if (optimizer != null && loaded.optimizer() != null) {
            if (loaded.optimizerClass() != null && !loaded.optimizerClass().equals(optimizer.getClass().getSimpleName())) {
                throw new IllegalArgumentException("checkpoint: the optimizer state is " + loaded.optimizerClass() + "'s but the optimizer is "
                        + optimizer.getClass().getSimpleName());
            }
            optimizer.loadStateDict(loaded.optimizer());
        }
    }
}
