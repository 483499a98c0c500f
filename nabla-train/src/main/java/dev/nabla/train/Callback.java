package dev.nabla.train;

import dev.nabla.Tensor;

/**
 * Hooks into {@link Trainer#fit}, called in this order (every method has a no-op default):
 * <pre>
 * onTrainStart
 * for each epoch:   onEpochStart
 *   for each batch: forward, loss, backward → afterBackward → optimizer.step() → afterStep → onBatchEnd
 *   validation → onEpochEnd (the epoch's history row)
 * onTrainEnd
 * </pre>
 * Callbacks run in registration order, so a callback that reads raw gradients (diagnostics) must be
 * registered before one that changes them (clipping). A callback stops training with
 * {@link TrainContext#requestStop(String)}; the epoch in progress finishes first.
 */
public interface Callback {
    default void onTrainStart(TrainContext ctx) {}

    default void onEpochStart(TrainContext ctx, int epoch) {}

    /** After {@code loss.backward()} and the non-finite check, before the optimizer step; gradients may be changed here. */
    default void afterBackward(TrainContext ctx, Tensor loss) {}

    /** After {@code optimizer.step()}. */
    default void afterStep(TrainContext ctx) {}

    /** After each batch, with its mean loss. {@code step} is the global step (1-based, counting every epoch). */
    default void onBatchEnd(TrainContext ctx, long step, double loss) {}

    /** After validation, with the epoch's history row (already appended to {@link TrainContext#history()}). */
    default void onEpochEnd(TrainContext ctx, History.Row row) {}

    default void onTrainEnd(TrainContext ctx) {}
}
