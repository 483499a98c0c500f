package dev.nabla.nn;

import dev.nabla.Rng;
import dev.nabla.Tensor;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout, as {@code torch.nn.Dropout}: in training mode each element is zeroed with
 * probability p and the survivors scaled by 1/(1−p); in evaluation mode the identity.
 */
public final class Dropout extends Module {
    private final double p;
    private final RandomGenerator rng;

    public Dropout(double p) { this(p, Rng.global()); }

    public Dropout(double p, RandomGenerator rng) {
        if (p < 0 || p >= 1) throw new IllegalArgumentException("Dropout: probability must be in [0, 1), got " + p);
        this.p = p;
        this.rng = rng;
    }

    @Override public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) return x;
        Tensor mask = Tensor.rand(rng, x.dtype(), x.shape()).gt(p).mul(1.0 / (1 - p));
        return x.mul(mask);
    }

    @Override protected String describe() { return "Dropout(p=" + p + ")"; }
}
