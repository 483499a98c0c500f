package dev.nabla.explain;

import dev.nabla.Tensor;
import dev.nabla.autograd.Node;
import java.util.Set;

/**
 * The local derivative ∂out/∂in of one graph node, taken from the node's own backward rule applied to a
 * ones seed ({@link Node#applyBackward}), which gives Jᵀ·1 — for elementwise ops exactly f'(x) element
 * by element, for reductions the ones they spread.
 */
final class LocalDerivatives {
    private LocalDerivatives() {}

    private static final Set<String> ELEMENTWISE_BINARY = Set.of("add", "sub", "mul", "div", "maximum", "where");

    /** A local derivative (null values when it is not a tensor of the input's shape) and a note. */
    record Local(double[] values, int[] shape, String note) {}

    /** Jᵀ·1 of the node that produced {@code out}, per input (null entries where none is computed). */
    static Tensor[] onesSeed(Tensor out) {
        return out.gradFn().applyBackward(Tensor.onesLike(out));
    }

    static Local of(Node node, int i, Tensor out, Tensor[] onesSeed, GraphNames names) {
        Tensor[] ins = node.inputs();
        Tensor in = ins[i];
        switch (node.op()) {
            case "matmul": {
                Tensor other = ins[1 - i];
                Tensor t = other.dim() == 2 ? other.t() : other;
                String on = names.name(other);
                String ot = on.endsWith("ᵀ") ? on.substring(0, on.length() - 1) : on + "ᵀ";
                return new Local(t.toDoubleArray().clone(), t.shape(),
                        i == 0 ? "local factor " + ot + "; product = upstream @ " + ot
                               : "local factor " + ot + "; product = " + ot + " @ upstream");
            }
            case "permute": case "softmax": case "logSoftmax":
                return new Local(null, null, null);
            default:
        }
        Tensor g = onesSeed == null || i >= onesSeed.length ? null : onesSeed[i];
        if (g == null) return new Local(null, null, null);
        double[] v = g.toDoubleArray().clone();
        if (ELEMENTWISE_BINARY.contains(node.op()) && in.numel() != out.numel()) {
            double factor = (double) out.numel() / in.numel();
            for (int j = 0; j < v.length; j++) v[j] /= factor;
            return new Local(v, in.shape(), "broadcast over " + (long) factor + " positions: the product sums them");
        }
        return new Local(v, in.shape(), null);
    }

    /** The derivative rule of input {@code i} of {@code node}, in words. */
    static String rule(Node node, int i) {
        switch (node.op()) {
            case "add": return "∂(a+b)/∂" + (i == 0 ? "a" : "b") + " = 1";
            case "sub": return i == 0 ? "∂(a−b)/∂a = 1" : "∂(a−b)/∂b = −1";
            case "mul": return i == 0 ? "∂(a·b)/∂a = b" : "∂(a·b)/∂b = a";
            case "div": return i == 0 ? "∂(a/b)/∂a = 1/b" : "∂(a/b)/∂b = −a/b²";
            case "matmul": return i == 0 ? "∂L/∂A = g @ Bᵀ" : "∂L/∂B = Aᵀ @ g";
            case "permute": return "g transposed back";
            case "sigmoid": return "σ'(x) = σ(x)(1−σ(x))";
            case "relu": return "relu'(x) = 1 if x > 0 else 0";
            case "leakyRelu": return "1 if x > 0 else slope";
            case "tanh": return "tanh'(x) = 1 − tanh²(x)";
            case "exp": return "e^x";
            case "log": return "1/x";
            case "neg": return "−1";
            case "sum": return "1 for every summed element";
            case "pow": return "k·x^(k−1)";
            case "clamp": return "1 inside the range, 0 outside";
            case "reshape": return "1 (same numbers, new shape)";
            case "crossEntropy": return "softmax(x) − onehot(y)";
            case "bceWithLogits": return i == 0 ? "σ(x) − y" : "−x";
            case "softmax": return "g·s − s·Σ(g·s)";
            case "logSoftmax": return "g − softmax·Σg";
            default: return node.formula();
        }
    }
}
