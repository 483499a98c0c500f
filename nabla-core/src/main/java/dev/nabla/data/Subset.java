package dev.nabla.data;

import java.util.Arrays;

/** The samples of another dataset picked by an index array (no copy of the data), as {@code torch.utils.data.Subset}. */
public final class Subset implements Dataset {
    private final Dataset base;
    private final int[] indices;

    /** A view of {@code base} restricted to {@code indices} (copied), in that order. */
    public Subset(Dataset base, int[] indices) {
        this.base = base;
        this.indices = indices.clone();
        for (int i : this.indices) {
            if (i < 0 || i >= base.size()) throw new IndexOutOfBoundsException("Subset: index " + i + " out of range for a dataset of " + base.size());
        }
    }

    /** The underlying dataset. */
    public Dataset base() { return base; }

    /** The base indices of this subset's samples (a copy). */
    public int[] indices() { return indices.clone(); }

    @Override public int size() { return indices.length; }

    @Override public int[] featureShape() { return base.featureShape(); }

    @Override public int[] targetShape() { return base.targetShape(); }

    @Override
    public Batch batch(int[] idx, int from, int count) {
        return base.batch(map(idx, from, count), 0, count);
    }

    /** As {@link TensorDataset#batchInBackground}, through the base dataset; null when the base cannot gather ahead. */
    java.util.function.Supplier<Batch> batchInBackground(int[] idx, int from, int count) {
        return DataLoader.gatherAhead(base, map(idx, from, count), 0, count);
    }

    /** The base dataset's indices of samples {@code idx[from .. from+count)} of this subset. */
    private int[] map(int[] idx, int from, int count) {
        int[] mapped = new int[count];
        for (int i = 0; i < count; i++) {
            int k = idx[from + i];
            if (k < 0 || k >= indices.length) throw new IndexOutOfBoundsException("batch: sample index " + k + " out of range for a subset of " + indices.length);
            mapped[i] = indices[k];
        }
        return mapped;
    }

    @Override public String toString() {
        return "Subset(" + indices.length + " of " + base.size() + ", first " + Arrays.toString(Arrays.copyOf(indices, Math.min(5, indices.length))) + ")";
    }
}
