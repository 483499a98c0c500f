package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.tensor.Storage;
import java.util.List;

/**
 * RMSprop (Hinton's lecture 6e), as {@code torch.optim.RMSprop} (defaults α = 0.99, ε = 1e-8):
 * <pre>
 * g ← ∇θ + λθ;  v ← αv + (1−α)g²;  ṽ ← centered ? v − ḡ² (ḡ ← αḡ + (1−α)g) : v
 * μ &gt; 0: b ← μb + g/(√ṽ + ε); θ ← θ − lr·b      else: θ ← θ − lr·g/(√ṽ + ε)
 * </pre>
 * Subnormal state values are flushed to zero (see {@link Optimizer}).
 */
public final class RMSprop extends Optimizer {
    private final double alpha, eps, weightDecay, momentum;
    private final boolean centered;

    public RMSprop(List<Tensor> params, double lr) { this(params, lr, 0.99, 1e-8, 0, 0, false); }

    public RMSprop(List<Tensor> params, double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        super(params, lr);
        checkNonNegative("alpha", alpha);
        checkNonNegative("epsilon", eps);
        checkNonNegative("weight_decay", weightDecay);
        checkNonNegative("momentum", momentum);
        this.alpha = alpha;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.centered = centered;
    }

    @Override protected void update(int index, Storage ps, int po, Storage gs, int go, int n) {
        Storage v = buffer("square_avg", index, n);
        Storage gavg = centered ? buffer("grad_avg", index, n) : null;
        Storage buf = momentum > 0 ? buffer("momentum_buffer", index, n) : null;
        for (int i = 0; i < n; i++) {
            double theta = ps.get(po + i);
            double g = gs.get(go + i) + weightDecay * theta;
            double vi = flushSubnormal(alpha * v.get(i) + (1 - alpha) * g * g, v);
            v.set(i, vi);
            double avg = vi;
            if (centered) {
                double ga = flushSubnormal(alpha * gavg.get(i) + (1 - alpha) * g, gavg);
                gavg.set(i, ga);
                avg = vi - ga * ga;
            }
            double denom = Math.sqrt(avg) + eps;
            if (momentum > 0) {
                double b = flushSubnormal(momentum * buf.get(i) + g / denom, buf);
                buf.set(i, b);
                ps.set(po + i, theta - lr * b);
            } else {
                ps.set(po + i, theta - lr * g / denom);
            }
        }
    }
}
