package dev.nabla.train;

import dev.nabla.loss.Loss;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What callbacks see of a running {@link Trainer#fit}: the model, loss and optimizer, the position
 * (epoch, global step), the history so far, a way to stop, and a way to save a checkpoint of the
 * current state (weights, optimizer, position, history) that {@link Trainer#resume} continues exactly.
 */
public final class TrainContext {
    private final Trainer trainer;
    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    final History history;
    int epoch;
    long step;
    private String stopReason;

    TrainContext(Trainer trainer, Module model, Loss loss, Optimizer optimizer, History history) {
        this.trainer = trainer;
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.history = history;
    }

    public Module model() { return model; }

    public Loss loss() { return loss; }

    public Optimizer optimizer() { return optimizer; }

    /** The current epoch (1-based). */
    public int epoch() { return epoch; }

    /** The number of the epoch training will end at (unless stopped earlier). */
    public int epochs() { return trainer.epochs(); }

    /** Optimizer steps taken so far, over all epochs. */
    public long step() { return step; }

    /** The rows of the epochs finished so far. */
    public History history() { return history; }

    /** Asks the trainer to stop after the current epoch, giving the reason reported in the result. */
    public void requestStop(String reason) { if (stopReason == null) stopReason = reason; }

    public boolean stopRequested() { return stopReason != null; }

    /** The reason given to {@link #requestStop}, or null. */
    public String stopReason() { return stopReason; }

    /**
     * Saves a checkpoint of the state at the end of the current epoch: weights to {@code file} and the
     * training state beside it (see {@link Checkpoint}), with the trainer's metadata.
     */
    public void saveCheckpoint(Path file) throws IOException {
        Checkpoint.save(file, model, optimizer, new Checkpoint.State(epoch, step, history), trainer.metadata());
    }
}
