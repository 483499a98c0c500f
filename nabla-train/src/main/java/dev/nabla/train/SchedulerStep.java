package dev.nabla.train;

import dev.nabla.optim.LRScheduler;

/**
 * Steps an {@link LRScheduler} once at the end of every epoch (PyTorch's usual placement). On a resumed
 * run the scheduler is first advanced to the checkpoint's epoch, so the rate follows the same schedule
 * (build the scheduler before loading the optimizer state: its base rate is the optimizer's rate at construction).
 */
public final class SchedulerStep implements Callback {
    private final LRScheduler scheduler;

    public SchedulerStep(LRScheduler scheduler) { this.scheduler = scheduler; }

    @Override public void onTrainStart(TrainContext ctx) {
        int done = ctx.history().size();
        while (scheduler.epoch() < done) scheduler.step(); // sets the rate of epoch done+1 (closed form)
    }

    @Override public void onEpochEnd(TrainContext ctx, History.Row row) { scheduler.step(); }

    public LRScheduler scheduler() { return scheduler; }
}
