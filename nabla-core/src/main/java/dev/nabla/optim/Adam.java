package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.tensor.Storage;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) and, with {@code decoupled}, AdamW (Loshchilov &amp; Hutter 2019), as
 * {@code torch.optim.Adam}/{@code AdamW}:
 * <pre>
 * Adam:  g ← ∇θ + λθ          AdamW: θ ← θ − lr·λ·θ, g ← ∇θ
 * m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  m̂ ← m/(1−β₁ᵗ);  v̂ ← v/(1−β₂ᵗ)
 * θ ← θ − lr·m̂/(√v̂ + ε)
 * </pre>
 */
public class Adam extends Optimizer {
    private final double beta1, beta2, eps, weightDecay;
    private final boolean decoupled;

    public Adam(List<Tensor> params, double lr) { this(params, lr, 0.9, 0.999, 1e-8, 0, false); }

    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        super(params, lr);
        checkBeta("beta1", beta1);
        checkBeta("beta2", beta2);
        checkNonNegative("epsilon", eps);
        checkNonNegative("weight_decay", weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    @Override protected void update(int index, Storage ps, int po, Storage gs, int go, int n) {
        double[] m = buffer("exp_avg", index, n), v = buffer("exp_avg_sq", index, n);
        long t = steps;
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        double stepSize = lr / bc1, sqrtBc2 = Math.sqrt(bc2);
        for (int i = 0; i < n; i++) {
            double theta = ps.get(po + i);
            double g = gs.get(go + i);
            if (decoupled) theta -= lr * weightDecay * theta;
            else g += weightDecay * theta;
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            ps.set(po + i, theta - stepSize * m[i] / (Math.sqrt(v[i]) / sqrtBc2 + eps));
        }
    }
}
