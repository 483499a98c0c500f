package dev.nabla.train;

/**
 * Training met a NaN or infinite loss or gradient. The message names the epoch, the step, the first
 * layer whose forward output was non-finite (when the loss was) and the first parameter, in
 * state-dict order, whose gradient was non-finite, with what to try.
 */
public final class TrainingDivergedException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final long step;
    private final String parameter;

    public TrainingDivergedException(String message, int epoch, long step, String parameter) {
        super(message);
        this.epoch = epoch;
        this.step = step;
        this.parameter = parameter;
    }

    /** The epoch (1-based). */
    public int epoch() { return epoch; }

    /** The global step (1-based) at which it happened. */
    public long step() { return step; }

    /** The first parameter ("0.weight") with a non-finite gradient, or null if every gradient was finite. */
    public String parameter() { return parameter; }
}
