package dev.nabla.loss;

import dev.nabla.ShapeMismatchException;
import dev.nabla.Tensor;
import dev.nabla.tensor.Shapes;
import java.util.Locale;

/**
 * A loss function {@code L(prediction, target)} returning a tensor that autograd can differentiate;
 * the names and formulas are PyTorch's ({@code torch.nn.MSELoss} etc.).
 */
public interface Loss {
    /** The loss of {@code input} (predictions or logits) against {@code target}. */
    Tensor compute(Tensor input, Tensor target);

    /** Name as the CLI spells it ("mse", "cross-entropy", ...). */
    String name();

    /** The names {@link #byName} accepts. */
    java.util.List<String> NAMES = java.util.List.of("mse", "mse-sum", "l1", "bce", "bce-with-logits", "cross-entropy", "nll");

    /** A loss by name; an unknown name gets an error listing the known ones. */
    static Loss byName(String name) {
        switch (name.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "mse": return new MSELoss(Reduction.MEAN);
            case "mse-sum": case "sse": return new MSELoss(Reduction.SUM);
            case "l1": case "mae": return new L1Loss(Reduction.MEAN);
            case "bce": return new BCELoss(Reduction.MEAN);
            case "bce-with-logits": case "bcewithlogits": return new BCEWithLogitsLoss(Reduction.MEAN);
            case "cross-entropy": case "ce": case "crossentropy": return new CrossEntropyLoss(Reduction.MEAN);
            case "nll": return new NLLLoss(Reduction.MEAN);
            default: throw new IllegalArgumentException("unknown loss '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
        }
    }

    /** Throws naming the loss and both shapes unless they are equal. */
    static void checkSameShape(String loss, Tensor input, Tensor target) {
        if (!Shapes.same(input.shape(), target.shape())) {
            throw new ShapeMismatchException(loss + ": input " + Shapes.format(input.shape()) + " and target "
                    + Shapes.format(target.shape()) + " must have the same shape");
        }
    }

    /** Applies a reduction to per-element losses. */
    static Tensor reduce(Tensor perElement, Reduction r) {
        switch (r) {
            case MEAN: return perElement.mean();
            case SUM: return perElement.sum();
            default: return perElement;
        }
    }
}
