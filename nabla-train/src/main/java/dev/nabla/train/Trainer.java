package dev.nabla.train;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Node;
import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.loss.Loss;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Shapes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training loop: epochs of mini-batch gradient descent with validation after each epoch,
 * metrics, callbacks, progress, a history, and checkpoints that resume bit-identically.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder()
 *         .epochs(20)
 *         .callback(new EarlyStopping(3, 1e-4))
 *         .callback(GradientClipping.byNorm(1.0))
 *         .checkpoint(Path.of("run/model.safetensors"))   // written after every epoch
 *         .progress(Progress.auto(new PrintWriter(System.out, true), false))
 *         .build();
 * TrainResult r = trainer.fit(model, new CrossEntropyLoss(), new Adam(model.parameters(), 1e-3), train, validation);
 * r.history().write(Path.of("run"), "history");
 * }</pre>
 *
 * <p>One step, for each batch (x, y) of epoch e (the loader's order for epoch e − 1, so it is fixed by
 * the loader's seed and the epoch alone): {@code zeroGrad}; ŷ = model(x); L = loss(ŷ, y); backward;
 * check L and every gradient for NaN/Inf; callbacks' {@code afterBackward} (e.g. clipping);
 * {@code optimizer.step()}. A batch's memory is reused for a later batch once its step is done
 * ({@link DataLoader#epochRecycling}): a callback must not keep the batch, or the loss's graph, past its call.
 * Targets whose shape differs from the output's but whose element count is
 * the same ((N,) against (N, 1)) are reshaped to the output's shape for regression and binary tasks.
 *
 * <p>NaN/Inf: with {@link NonFinite#STOP} (the default) a non-finite loss or gradient throws
 * {@link TrainingDivergedException} naming the epoch, the step, the first layer whose output was
 * non-finite and the first parameter whose gradient was; with {@link NonFinite#SKIP} the step is
 * skipped (no update), reported through {@link Progress#message}, and counted.
 */
public final class Trainer {
    /** What to do when the loss or a gradient is NaN or infinite. */
    public enum NonFinite { STOP, SKIP }

    private final int epochs;
    private final List<Callback> callbacks;
    private final Progress progress;
    private final NonFinite onNonFinite;
    private final Task task;
    private final Path checkpoint;
    private final Map<String, String> metadata;

    private Trainer(Builder b) {
        this.epochs = b.epochs;
        this.callbacks = List.copyOf(b.callbacks);
        this.progress = b.progress;
        this.onNonFinite = b.onNonFinite;
        this.task = b.task;
        this.checkpoint = b.checkpoint;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    }

    public static Builder builder() { return new Builder(); }

    /** Options of a {@link Trainer}; only {@link #epochs} is usually needed. */
    public static final class Builder {
        private int epochs = 10;
        private final List<Callback> callbacks = new ArrayList<>();
        private Progress progress = Progress.silent();
        private NonFinite onNonFinite = NonFinite.STOP;
        private Task task;
        private Path checkpoint;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        /** The epoch to end at (counting epochs before a resume); default 10. */
        public Builder epochs(int n) {
            if (n < 1) throw new IllegalArgumentException("Trainer: epochs must be at least 1, got " + n);
            this.epochs = n;
            return this;
        }

        /** Adds a callback (run in the order added). */
        public Builder callback(Callback c) {
            callbacks.add(c);
            return this;
        }

        /** Where progress goes; default silent. */
        public Builder progress(Progress p) {
            this.progress = p;
            return this;
        }

        /** Stop (default) or skip the step on a NaN/Inf loss or gradient. */
        public Builder onNonFinite(NonFinite policy) {
            this.onNonFinite = policy;
            return this;
        }

        /** The task deciding the metrics; by default derived from the loss's name ({@link Task#forLoss}). */
        public Builder task(Task t) {
            this.task = t;
            return this;
        }

        /** Saves a resumable checkpoint to {@code file} (and its state file) after every epoch. */
        public Builder checkpoint(Path file) {
            this.checkpoint = file;
            return this;
        }

        /** Metadata written into every checkpoint (e.g. the architecture, so a tool can rebuild the model). */
        public Builder metadata(Map<String, String> m) {
            metadata.putAll(m);
            return this;
        }

        public Trainer build() { return new Trainer(this); }
    }

    public int epochs() { return epochs; }

    /** The metadata written into checkpoints. */
    public Map<String, String> metadata() { return metadata; }

    /** Trains from epoch 1. {@code validation} may be null. */
    public TrainResult fit(Module model, Loss loss, Optimizer optimizer, DataLoader train, DataLoader validation) {
        return run(model, loss, optimizer, train, validation, new History(), 0, 0);
    }

    /**
     * Loads the checkpoint {@code file} (its state file: weights, optimizer state, epoch, step, history)
     * into {@code model} and {@code optimizer} and continues up to {@link #epochs()}. With the same data,
     * seeds and options the result is bit-identical to a run that was never interrupted. Build any
     * scheduler before calling this.
     */
    public TrainResult resume(Path file, Module model, Loss loss, Optimizer optimizer, DataLoader train, DataLoader validation) throws IOException {
        Checkpoint.Loaded c = Checkpoint.loadState(file);
        Checkpoint.restore(c, model, optimizer);
        Checkpoint.State s = c.state();
        return run(model, loss, optimizer, train, validation, new History(s.history().rows()), s.epoch(), s.step());
    }

    private TrainResult run(Module model, Loss loss, Optimizer optimizer, DataLoader train, DataLoader validation,
                            History history, int startEpoch, long startStep) {
        Task t = task != null ? task : Task.forLoss(loss.name());
        double threshold = loss.name().equals("bce") ? 0.5 : 0.0;
        Map<String, Tensor> named = model.namedParameters();
        TrainContext ctx = new TrainContext(this, model, loss, optimizer, history);
        ctx.step = startStep;
        for (Callback c : callbacks) c.onTrainStart(ctx);
        long t0 = System.nanoTime();
        long samples = 0, trainNanos = 0;
        int skipped = 0;
        int lastEpoch = startEpoch;
        for (int epoch = startEpoch + 1; epoch <= epochs && !ctx.stopRequested(); epoch++) {
            ctx.epoch = epoch;
            for (Callback c : callbacks) c.onEpochStart(ctx, epoch);
            long e0 = System.nanoTime();
            double lr = optimizer.lr();
            model.train();
            Metrics m = new Metrics(t, threshold);
            int batches = train.numBatches();
            progress.epochStart(epoch, epochs, batches);
            int b = 0;
            long epochSamples = 0;
            for (Batch batch : train.epochRecycling(epoch - 1)) { // a batch's memory is reused once its step is done
                b++;
                ctx.step++;
                optimizer.zeroGrad();
                Tensor out = model.forward(batch.x());
                Tensor y = adaptTarget(batch.y(), out, t);
                Tensor l = loss.compute(out, y);
                double lv = l.item();
                String badLayer = Double.isFinite(lv) ? null : firstNonFiniteOutput(l);
                l.backward();
                String badParam = firstNonFiniteGradient(named);
                if (!Double.isFinite(lv) || badParam != null) {
                    String msg = nonFiniteMessage(epoch, ctx.step, b, batches, lv, badLayer, badParam, named);
                    if (onNonFinite == NonFinite.STOP) throw new TrainingDivergedException(msg, epoch, ctx.step, badParam);
                    skipped++;
                    optimizer.zeroGrad();
                    progress.message("skipped: " + msg);
                    continue;
                }
                for (Callback c : callbacks) c.afterBackward(ctx, l);
                optimizer.step();
                for (Callback c : callbacks) c.afterStep(ctx);
                m.addLoss(lv, batch.size());
                m.add(out.detach(), y);
                epochSamples += batch.size();
                for (Callback c : callbacks) c.onBatchEnd(ctx, ctx.step, lv);
                progress.batch(b, m.loss());
            }
            long trained = System.nanoTime() - e0;
            trainNanos += trained;
            samples += epochSamples;
            Map<String, Double> metrics = new LinkedHashMap<>(m.values("train_"));
            double valLoss = Double.NaN;
            if (validation != null) {
                Metrics v = evaluate(model, loss, validation, t, threshold);
                valLoss = v.loss();
                metrics.putAll(v.values("val_"));
            }
            History.Row row = new History.Row(epoch, m.loss(), valLoss, metrics, lr, (System.nanoTime() - e0) / 1e9);
            history.add(row);
            for (Callback c : callbacks) c.onEpochEnd(ctx, row);
            progress.epochEnd(row, epochs, epochSamples / Math.max(trained / 1e9, 1e-9));
            if (checkpoint != null) {
                try {
                    ctx.saveCheckpoint(checkpoint);
                } catch (IOException e) {
                    throw new UncheckedIOException("checkpoint " + checkpoint + ": " + e.getMessage(), e);
                }
            }
            lastEpoch = epoch;
        }
        for (Callback c : callbacks) c.onTrainEnd(ctx);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (ctx.stopRequested()) progress.message(ctx.stopReason());
        return new TrainResult(history, lastEpoch, ctx.step, seconds, samples, samples / Math.max(trainNanos / 1e9, 1e-9),
                ctx.stopReason(), skipped);
    }

    /** Loss and metrics of {@code model} over every batch of {@code data}, in evaluation mode without gradients. */
    public static Metrics evaluate(Module model, Loss loss, DataLoader data, Task task, double binaryThreshold) {
        boolean wasTraining = model.isTraining();
        model.eval();
        Metrics m = new Metrics(task, binaryThreshold);
        try (GradMode g = Autograd.noGrad()) {
            for (Batch b : data.epochRecycling(0)) {
                Tensor out = model.forward(b.x());
                Tensor y = adaptTarget(b.y(), out, task);
                m.addLoss(loss.compute(out, y).item(), b.size());
                m.add(out, y);
            }
        } finally {
            if (wasTraining) model.train();
        }
        return m;
    }

    /** As {@link #evaluate(Module, Loss, DataLoader, Task, double)} with the task and threshold derived from the loss. */
    public static Metrics evaluate(Module model, Loss loss, DataLoader data) {
        return evaluate(model, loss, data, Task.forLoss(loss.name()), loss.name().equals("bce") ? 0.5 : 0.0);
    }

    /** (N,) targets against (N, 1) outputs are reshaped for regression and binary tasks. */
    static Tensor adaptTarget(Tensor y, Tensor out, Task task) {
        if (y == null) throw new IllegalArgumentException("Trainer: the data set has no targets");
        if (task == Task.CLASSIFICATION || Shapes.same(y.shape(), out.shape()) || y.numel() != out.numel()) return y;
        return y.reshape(out.shape());
    }

    /** The scope ("2") and op of the first tensor, in forward order, of {@code root}'s graph holding a NaN/Inf. */
    private static String firstNonFiniteOutput(Tensor root) {
        for (Tensor x : Autograd.topologicalOrder(root)) {
            Node n = x.gradFn();
            if (n == null || Autograd.firstNonFinite(x) < 0) continue;
            String scope = n.scope();
            return (scope == null || scope.isEmpty() ? "the loss" : "layer " + scope) + " (op " + n.op() + ")";
        }
        return null;
    }

    private static String firstNonFiniteGradient(Map<String, Tensor> named) {
        for (Map.Entry<String, Tensor> e : named.entrySet()) {
            Tensor g = e.getValue().peekGrad(); // read only: zeroGrad may recycle it afterwards
            if (g != null && Autograd.firstNonFinite(g) >= 0) return e.getKey();
        }
        return null;
    }

    private static String nonFiniteMessage(int epoch, long step, int batch, int batches, double loss, String badLayer, String badParam,
                                           Map<String, Tensor> named) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "non-finite values at epoch %d, step %d (batch %d of %d): ", epoch, step, batch, batches));
        sb.append(Double.isFinite(loss) ? "loss " + loss + " is finite but a gradient is not" : "loss is " + (Double.isNaN(loss) ? "NaN" : loss > 0 ? "+Inf" : "-Inf"));
        if (badLayer != null) sb.append("; first non-finite output in ").append(badLayer);
        for (Map.Entry<String, Tensor> e : named.entrySet()) {
            if (Autograd.firstNonFinite(e.getValue()) >= 0) {
                sb.append("; weights of '").append(e.getKey()).append("' are already non-finite");
                break;
            }
        }
        sb.append(badParam != null ? "; first non-finite gradient in layer '" + badParam + "'" : "; every gradient is finite");
        sb.append(". Lower the learning rate, clip gradients, standardise the inputs, or skip such steps.");
        return sb.toString();
    }
}
