package dev.nabla.loss;

import dev.nabla.Tensor;

/** Squared error (x − y)², averaged (MEAN) or summed (SUM) — the tutorials' loss. */
public final class MSELoss implements Loss {
    private final Reduction reduction;

    public MSELoss() { this(Reduction.MEAN); }

    public MSELoss(Reduction reduction) { this.reduction = reduction; }

    @Override public Tensor compute(Tensor input, Tensor target) {
        Loss.checkSameShape("mse_loss", input, target);
        Tensor d = input.sub(target);
        return Loss.reduce(d.mul(d), reduction);
    }

    @Override public String name() { return reduction == Reduction.SUM ? "mse-sum" : "mse"; }
}
