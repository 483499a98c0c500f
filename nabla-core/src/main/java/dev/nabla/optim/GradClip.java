package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import java.util.List;

/** Gradient clipping, as {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}. */
public final class GradClip {
    private GradClip() {}

    /**
     * Scales all gradients together so their global L2 norm is at most {@code maxNorm}
     * (factor maxNorm/(norm + 1e-6), applied only when it is below 1). Returns the norm before clipping.
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("clipGradNorm: max norm must be positive, got " + maxNorm);
        double total = 0;
        for (Tensor p : params) {
            if (p.grad() == null) continue;
            for (double g : p.grad().toDoubleArray()) total += g * g;
        }
        double norm = Math.sqrt(total);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            try (GradMode m = Autograd.noGrad()) {
                for (Tensor p : params) if (p.grad() != null) p.setGrad(p.grad().mul(coef));
            }
        }
        return norm;
    }

    /** Clamps every gradient element into [−clip, clip]. */
    public static void clipGradValue(List<Tensor> params, double clip) {
        if (!(clip > 0)) throw new IllegalArgumentException("clipGradValue: clip value must be positive, got " + clip);
        try (GradMode m = Autograd.noGrad()) {
            for (Tensor p : params) if (p.grad() != null) p.setGrad(p.grad().clamp(-clip, clip));
        }
    }
}
