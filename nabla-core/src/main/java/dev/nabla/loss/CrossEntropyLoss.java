package dev.nabla.loss;

import dev.nabla.ShapeMismatchException;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.tensor.Kernels;
import dev.nabla.tensor.Shapes;
import dev.nabla.tensor.Storage;

/**
 * Softmax cross-entropy over logits (N, C) with integer class labels (N,) stored as whole numbers,
 * as {@code torch.nn.CrossEntropyLoss}: ℓᵢ = logsumexp(xᵢ) − xᵢ[yᵢ], computed max-shifted so large
 * logits cannot overflow. Fused: the backward is (softmax(x) − onehot(y))·g, one pass, no log/exp chain.
 */
public final class CrossEntropyLoss implements Loss {
    private final Reduction reduction;

    public CrossEntropyLoss() { this(Reduction.MEAN); }

    public CrossEntropyLoss(Reduction reduction) { this.reduction = reduction; }

    @Override public Tensor compute(Tensor logits, Tensor labels) {
        if (logits.dim() != 2 || labels.dim() != 1 || labels.size(0) != logits.size(0)) {
            throw new ShapeMismatchException("cross_entropy: expects logits (N, C) and labels (N,), got "
                    + Shapes.format(logits.shape()) + " and " + Shapes.format(labels.shape()));
        }
        int n = logits.size(0), c = logits.size(1);
        int[] y = labelsOf("cross_entropy", labels, c);
        Tensor logp = Kernels.softmax(logits, 1, true);
        Storage lp = logp.storage();
        double[] per = new double[n];
        for (int i = 0; i < n; i++) per[i] = -lp.get(i * c + y[i]);
        Tensor perT = Tensor.fromArray(per, n).to(logits.dtype()).detach();
        Tensor out = Autograd.record(perT, "crossEntropy", "logsumexp(x) − x[y]", g ->
                new Tensor[] {Tensor.wrap(Kernels.crossEntropyGrad(lp, y, g, n, c), new int[] {n, c}), null}, logits, labels);
        return Loss.reduce(out, reduction);
    }

    /** Reads class indices from a float tensor, checking each is a whole number in [0, classes). */
    static int[] labelsOf(String op, Tensor labels, int classes) {
        double[] v = labels.toDoubleArray();
        int[] y = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            y[i] = (int) v[i];
            if (y[i] != v[i] || y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException(op + ": label " + v[i] + " at position " + i + " is not a class index in [0, " + classes + ")");
            }
        }
        return y;
    }

    @Override public String name() { return "cross-entropy"; }
}
