package dev.nabla.autograd;

import dev.nabla.Tensor;

/**
 * The backward rule of one op: given the gradient of the loss with respect to the op's output,
 * returns the gradient with respect to each input (same order as the inputs; null for an input
 * that needs none). Runs with gradient recording off.
 */
@FunctionalInterface
public interface BackwardFunction {
    Tensor[] apply(Tensor gradOutput);
}
