package dev.nabla.loss;

import dev.nabla.Tensor;

/**
 * Binary cross-entropy on probabilities p ∈ [0,1]: −[y·log p + (1−y)·log(1−p)], with each log clamped
 * to ≥ −100 as PyTorch does so p = 0 or 1 gives a finite loss.
 */
public final class BCELoss implements Loss {
    private final Reduction reduction;

    public BCELoss(Reduction reduction) { this.reduction = reduction; }

    @Override public Tensor compute(Tensor p, Tensor y) {
        Loss.checkSameShape("binary_cross_entropy", p, y);
        Tensor logP = p.log().clamp(-100, Double.MAX_VALUE);
        Tensor log1mP = p.rsub(1).log().clamp(-100, Double.MAX_VALUE);
        return Loss.reduce(y.mul(logP).add(y.rsub(1).mul(log1mP)).neg(), reduction);
    }

    @Override public String name() { return "bce"; }
}
