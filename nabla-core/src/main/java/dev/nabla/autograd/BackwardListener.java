package dev.nabla.autograd;

import dev.nabla.Tensor;

/**
 * Observes a backward pass node by node, in the order the engine visits them (reverse topological):
 * used by the explain tool and by diagnostics. {@code gradInputs[i]} is the chain-rule product for
 * input i (null where none is needed).
 */
@FunctionalInterface
public interface BackwardListener {
    void onNode(Tensor output, Node node, Tensor gradOutput, Tensor[] gradInputs);
}
