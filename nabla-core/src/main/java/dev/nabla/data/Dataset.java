package dev.nabla.data;

import dev.nabla.Tensor;

/**
 * A finite, indexable collection of (features, target) samples that a {@link DataLoader} turns into
 * mini-batches, as {@code torch.utils.data.Dataset}. Implementations copy the requested rows
 * straight from flat arrays into one contiguous batch tensor, so iterating creates no per-sample
 * objects.
 */
public interface Dataset {
    /** Number of samples. */
    int size();

    /** Shape of one sample's features, e.g. {@code [784]} for flattened MNIST. */
    int[] featureShape();

    /** Shape of one sample's target: {@code []} for a class label or a scalar, {@code [k]} for a vector; null if there are no targets. */
    int[] targetShape();

    /**
     * The samples {@code indices[from .. from+count)} copied into fresh contiguous tensors of shape
     * (count, featureShape...) and (count, targetShape...).
     */
    Batch batch(int[] indices, int from, int count);

    /** The samples at {@code indices}, in that order. */
    default Batch get(int... indices) { return batch(indices, 0, indices.length); }

    /** All features as one tensor (N, featureShape...). */
    default Tensor features() { return get(Datasets.range(size())).x(); }

    /** All targets as one tensor (N, targetShape...), or null without targets. */
    default Tensor targets() { return get(Datasets.range(size())).y(); }
}
