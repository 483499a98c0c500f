package dev.nabla.loss;

import dev.nabla.Tensor;

/** Absolute error |x − y|, averaged or summed. */
public final class L1Loss implements Loss {
    private final Reduction reduction;

    public L1Loss(Reduction reduction) { this.reduction = reduction; }

    @Override public Tensor compute(Tensor input, Tensor target) {
        Loss.checkSameShape("l1_loss", input, target);
        return Loss.reduce(input.sub(target).abs(), reduction);
    }

    @Override public String name() { return "l1"; }
}
