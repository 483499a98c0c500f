package dev.nabla.data;

import dev.nabla.Tensor;

/**
 * One mini-batch: features {@code x} of shape (B, ...) and targets {@code y} of shape (B,) for class
 * labels or (B, ...) otherwise; {@code y} is null for a dataset without targets.
 */
public record Batch(Tensor x, Tensor y) {
    /** Number of samples in the batch (the first dimension of {@code x}). */
    public int size() { return x.shape()[0]; }
}
