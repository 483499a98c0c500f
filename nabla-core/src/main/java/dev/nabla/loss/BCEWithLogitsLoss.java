package dev.nabla.loss;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.tensor.Kernels;
import dev.nabla.tensor.MathFunctions;

/**
 * Sigmoid plus binary cross-entropy in one stable formula, as {@code BCEWithLogitsLoss}:
 * ℓ(x, y) = max(x, 0) − x·y + log(1 + e^−|x|); its gradient is σ(x) − y.
 */
public final class BCEWithLogitsLoss implements Loss {
    private final Reduction reduction;

    public BCEWithLogitsLoss(Reduction reduction) { this.reduction = reduction; }

    @Override public Tensor compute(Tensor x, Tensor y) {
        Loss.checkSameShape("binary_cross_entropy_with_logits", x, y);
        Kernels.checkDType("binary_cross_entropy_with_logits", x, y);
        double[] xv = x.toDoubleArray(), yv = y.toDoubleArray();
        double[] l = new double[xv.length];
        for (int i = 0; i < xv.length; i++) {
            l[i] = Math.max(xv[i], 0) - xv[i] * yv[i] + Math.log1p(Math.exp(-Math.abs(xv[i])));
        }
        Tensor per = Tensor.fromArray(l, x.shape()).to(x.dtype()).detach();
        Tensor out = Autograd.record(per, "bceWithLogits", "max(x,0) − x·y + log(1+e^−|x|)", g -> {
            double[] gv = g.toDoubleArray();
            double[] gx = new double[xv.length], gy = new double[xv.length];
            for (int i = 0; i < xv.length; i++) {
                gx[i] = gv[i] * (MathFunctions.sigmoid(xv[i]) - yv[i]);
                gy[i] = -gv[i] * xv[i];
            }
            return new Tensor[] {Tensor.fromArray(gx, x.shape()).to(x.dtype()), Tensor.fromArray(gy, x.shape()).to(x.dtype())};
        }, x, y);
        return Loss.reduce(out, reduction);
    }

    @Override public String name() { return "bce-with-logits"; }
}
