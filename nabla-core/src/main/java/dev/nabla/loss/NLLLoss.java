package dev.nabla.loss;

import dev.nabla.ShapeMismatchException;
import dev.nabla.Tensor;
import dev.nabla.tensor.Shapes;

/** Negative log-likelihood of log-probabilities (N, C) at integer labels (N,): −x[i, yᵢ]. */
public final class NLLLoss implements Loss {
    private final Reduction reduction;

    public NLLLoss(Reduction reduction) { this.reduction = reduction; }

    @Override public Tensor compute(Tensor logProbs, Tensor labels) {
        if (logProbs.dim() != 2 || labels.dim() != 1 || labels.size(0) != logProbs.size(0)) {
            throw new ShapeMismatchException("nll_loss: expects log-probabilities (N, C) and labels (N,), got "
                    + Shapes.format(logProbs.shape()) + " and " + Shapes.format(labels.shape()));
        }
        CrossEntropyLoss.labelsOf("nll_loss", labels, logProbs.size(1));
        return Loss.reduce(logProbs.gather(1, labels.detach().unsqueeze(1)).squeeze(1).neg(), reduction);
    }

    @Override public String name() { return "nll"; }
}
