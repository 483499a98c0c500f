package dev.nabla.optim;

import dev.nabla.Tensor;
import java.util.List;

/** Adam with decoupled weight decay (default 0.01), as {@code torch.optim.AdamW}; see {@link Adam} for the rule. */
public final class AdamW extends Adam {
    public AdamW(List<Tensor> params, double lr) { this(params, lr, 0.01); }

    public AdamW(List<Tensor> params, double lr, double weightDecay) { super(params, lr, 0.9, 0.999, 1e-8, weightDecay, true); }

    public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr, beta1, beta2, eps, weightDecay, true);
    }
}
