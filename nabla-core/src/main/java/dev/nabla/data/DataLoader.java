package dev.nabla.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Iterates a {@link Dataset} in mini-batches, as {@code torch.utils.data.DataLoader}: fixed batch
 * size, optional shuffling and optional dropping of the last incomplete batch. Each batch is one
 * pair of fresh contiguous tensors filled by copying rows, so a batch stays valid after the loop
 * moves on.
 *
 * <p>Shuffling is deterministic: epoch {@code e} visits the samples in the permutation drawn from a
 * generator seeded with {@code seed + e·0x9E3779B97F4A7C15}, so every epoch is a different order
 * but a rerun with the same seed repeats all of them. Each call of {@link #iterator()} starts the
 * next epoch (0, 1, 2, ...); {@link #epoch(int)} iterates a given epoch without moving the counter.
 *
 * <pre>{@code
 * DataLoader loader = new DataLoader(train, 64).shuffle(42).dropLast(true);
 * for (int epoch = 0; epoch < 10; epoch++)
 *     for (Batch b : loader) { ... b.x() ... b.y() ... }
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private boolean shuffle;
    private long seed;
    private boolean dropLast;
    private int nextEpoch;

    /** Batches of {@code batchSize} in dataset order (call {@link #shuffle(long)} to shuffle). */
    public DataLoader(Dataset dataset, int batchSize) {
        if (batchSize <= 0) throw new IllegalArgumentException("DataLoader: batchSize must be positive, got " + batchSize);
        this.dataset = dataset;
        this.batchSize = batchSize;
    }

    /** Shuffles every epoch from {@code seed}; returns this. */
    public DataLoader shuffle(long seed) {
        this.shuffle = true;
        this.seed = seed;
        return this;
    }

    /** Turns shuffling off (dataset order); returns this. */
    public DataLoader noShuffle() {
        this.shuffle = false;
        return this;
    }

    /** Whether to skip the last batch when it is smaller than the batch size; returns this. */
    public DataLoader dropLast(boolean dropLast) {
        this.dropLast = dropLast;
        return this;
    }

    /** Sets the epoch the next {@link #iterator()} call will run (as {@code sampler.set_epoch}); returns this. */
    public DataLoader setEpoch(int epoch) {
        this.nextEpoch = epoch;
        return this;
    }

    /** The dataset iterated. */
    public Dataset dataset() { return dataset; }

    /** The batch size. */
    public int batchSize() { return batchSize; }

    /** Batches per epoch: ceil(N / B), or floor(N / B) with drop-last. */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The sample order of {@code epoch}: a permutation when shuffling, 0..N-1 otherwise. */
    public int[] order(int epoch) {
        int n = dataset.size();
        if (!shuffle) return Datasets.range(n);
        return Datasets.permutation(n, new SplittableRandom(seed + epoch * 0x9E3779B97F4A7C15L));
    }

    /** Starts the next epoch (0 first) and iterates its batches. */
    @Override
    public Iterator<Batch> iterator() {
        return epochIterator(nextEpoch++);
    }

    /** The batches of a given epoch, without moving the epoch counter. */
    public Iterable<Batch> epoch(int epoch) {
        return () -> epochIterator(epoch);
    }

    private Iterator<Batch> epochIterator(int epoch) {
        int[] order = order(epoch);
        int batches = numBatches();
        return new Iterator<>() {
            private int b;

            @Override public boolean hasNext() { return b < batches; }

            @Override public Batch next() {
                if (!hasNext()) throw new NoSuchElementException();
                int from = b * batchSize;
                int count = Math.min(batchSize, order.length - from);
                b++;
                return dataset.batch(order, from, count);
            }
        };
    }
}
