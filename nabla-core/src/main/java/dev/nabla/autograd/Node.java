package dev.nabla.autograd;

import dev.nabla.Tensor;
import dev.nabla.tensor.Shapes;

/**
 * One recorded op of the define-by-run graph (PyTorch's {@code grad_fn}): its name, its inputs,
 * its backward rule, a human formula for explanation tools, and the module scope it ran in.
 * The output tensor points to its node; the node points to its inputs, so the graph is a DAG
 * reachable from the loss.
 */
public final class Node {
    private final String op;
    private final String formula;
    private final Tensor[] inputs;
    private final int[] inputVersions;
    private BackwardFunction backward;
    private final String scope;
    private final long id;

    Node(String op, String formula, Tensor[] inputs, BackwardFunction backward, String scope, long id) {
        this.op = op;
        this.formula = formula;
        this.inputs = inputs;
        this.backward = backward;
        this.scope = scope;
        this.id = id;
        this.inputVersions = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) inputVersions[i] = inputs[i].version();
    }

    /** Op name, e.g. "mul", "matmul", "sigmoid". */
    public String op() { return op; }

    /** A readable formula such as "a * b" used by explain/graph tools (may equal the op name). */
    public String formula() { return formula; }

    /** The op's inputs (do not modify). */
    public Tensor[] inputs() { return inputs; }

    /** The module path the op ran in ("0", "encoder.1"), or "" at top level. */
    public String scope() { return scope; }

    /** A creation-order id, unique per JVM, handy for naming nodes in pictures. */
    public long id() { return id; }

    /** True once a backward pass has freed this node's saved state. */
    public boolean isReleased() { return backward == null; }

    /** PyTorch-style name, e.g. "MulBackward". */
    public String displayName() {
        return Character.toUpperCase(op.charAt(0)) + op.substring(1) + "Backward";
    }

    /**
     * Runs this node's backward rule on {@code gradOutput} (with recording off) and returns the gradient
     * for each input, without releasing the node or touching any {@code grad()}: for explanation tools
     * (with a ones seed it gives each input's local derivative Jᵀ·1).
     */
    public Tensor[] applyBackward(Tensor gradOutput) {
        try (GradMode g = Autograd.noGrad()) {
            return runBackward(gradOutput);
        }
    }

    Tensor[] runBackward(Tensor gradOutput) {
        if (backward == null) {
            throw new dev.nabla.GraphReleasedException(op + ": trying to backward through the graph a second time: its saved values were "
                    + "freed by the first backward(); call backward(gradient, true) the first time to retain the graph");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].version() != inputVersions[i]) {
                throw new dev.nabla.InPlaceModificationException(op + ": input " + i + " of shape " + Shapes.format(inputs[i].shape())
                        + " was modified by an in-place operation after it was used (version " + inputs[i].version()
                        + ", expected " + inputVersions[i] + "); use a copy instead of the in-place op");
            }
        }
        return backward.apply(gradOutput);
    }

    void release() { backward = null; }
}
