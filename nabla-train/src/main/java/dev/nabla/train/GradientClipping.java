package dev.nabla.train;

import dev.nabla.Tensor;
import dev.nabla.optim.GradClip;

/**
 * Clips the gradients before every optimizer step: by global L2 norm ({@link #byNorm}, as
 * {@code clip_grad_norm_}) or elementwise by value ({@link #byValue}, as {@code clip_grad_value_}).
 */
public final class GradientClipping implements Callback {
    private final boolean byNorm;
    private final double limit;
    private double lastNorm = Double.NaN;

    private GradientClipping(boolean byNorm, double limit) {
        if (!(limit > 0) || Double.isInfinite(limit)) throw new IllegalArgumentException("gradient clipping: the limit must be positive and finite, got " + limit);
        this.byNorm = byNorm;
        this.limit = limit;
    }

    /** Scales all gradients together so their global L2 norm is at most {@code maxNorm}. */
    public static GradientClipping byNorm(double maxNorm) { return new GradientClipping(true, maxNorm); }

    /** Clamps each gradient element into [−clip, clip]. */
    public static GradientClipping byValue(double clip) { return new GradientClipping(false, clip); }

    @Override public void afterBackward(TrainContext ctx, Tensor loss) {
        if (byNorm) lastNorm = GradClip.clipGradNorm(ctx.optimizer().parameters(), limit);
        else GradClip.clipGradValue(ctx.optimizer().parameters(), limit);
    }

    /** The global gradient norm before clipping at the last step (NaN for value clipping). */
    public double lastNorm() { return lastNorm; }

    @Override public String toString() { return (byNorm ? "clip-norm " : "clip-value ") + limit; }
}
