package dev.nabla.train;

/**
 * What {@link Trainer#fit} returns.
 *
 * @param history          every epoch's row (including those before a resume)
 * @param epochs           the last epoch finished
 * @param steps            optimizer steps over the whole run (including those before a resume)
 * @param seconds          wall time of this call
 * @param samples          training samples processed in this call
 * @param samplesPerSecond training samples per second of training time (validation excluded)
 * @param stopReason       why training stopped early (e.g. early stopping), or null when all epochs ran
 * @param skippedSteps     steps skipped because of a non-finite loss or gradient (only with {@link Trainer.NonFinite#SKIP})
 */
public record TrainResult(History history, int epochs, long steps, double seconds, long samples, double samplesPerSecond,
                          String stopReason, int skippedSteps) {
    /** The last epoch's row, or null. */
    public History.Row last() { return history.last(); }
}
