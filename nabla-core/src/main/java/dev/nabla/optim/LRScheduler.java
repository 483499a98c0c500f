package dev.nabla.optim;

/**
 * Changes an optimizer's learning rate once per epoch ({@link #step()}), as {@code torch.optim.lr_scheduler}.
 * Implementations give the closed form {@link #lrAt(int)} for epoch t (0 = initial rate).
 */
public abstract class LRScheduler {
    protected final Optimizer optimizer;
    protected final double baseLr;
    private int epoch;

    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        this.baseLr = optimizer.lr();
    }

    /** The learning rate for epoch {@code t}. */
    public abstract double lrAt(int t);

    /** Advances one epoch and sets the optimizer's rate. */
    public void step() {
        epoch++;
        optimizer.setLr(lrAt(epoch));
    }

    public int epoch() { return epoch; }

    /** The rate most recently set. */
    public double lastLr() { return optimizer.lr(); }

    /** Multiplies the rate by γ every {@code stepSize} epochs: lr = base·γ^⌊t/stepSize⌋. */
    public static final class StepLR extends LRScheduler {
        private final int stepSize;
        private final double gamma;

        public StepLR(Optimizer o, int stepSize, double gamma) {
            super(o);
            if (stepSize <= 0) throw new IllegalArgumentException("StepLR: step_size must be positive, got " + stepSize);
            this.stepSize = stepSize;
            this.gamma = gamma;
        }

        @Override public double lrAt(int t) { return baseLr * Math.pow(gamma, t / stepSize); }
    }

    /** lr = base·γᵗ. */
    public static final class ExponentialLR extends LRScheduler {
        private final double gamma;

        public ExponentialLR(Optimizer o, double gamma) {
            super(o);
            this.gamma = gamma;
        }

        @Override public double lrAt(int t) { return baseLr * Math.pow(gamma, t); }
    }

    /** Cosine annealing (Loshchilov &amp; Hutter 2017, no restarts): lr = η_min + (base − η_min)(1 + cos(πt/T_max))/2. */
    public static final class CosineAnnealingLR extends LRScheduler {
        private final int tMax;
        private final double etaMin;

        public CosineAnnealingLR(Optimizer o, int tMax, double etaMin) {
            super(o);
            if (tMax <= 0) throw new IllegalArgumentException("CosineAnnealingLR: T_max must be positive, got " + tMax);
            this.tMax = tMax;
            this.etaMin = etaMin;
        }

        @Override public double lrAt(int t) { return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2; }
    }
}
