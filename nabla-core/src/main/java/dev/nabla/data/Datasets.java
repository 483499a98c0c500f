package dev.nabla.data;

import java.util.SplittableRandom;

/** Helpers on datasets: seeded permutations and train/validation splits. */
public final class Datasets {
    private Datasets() {}

    /** A training part and a validation part of one dataset (disjoint, together all samples). */
    public record Split(Subset train, Subset validation) {}

    /** 0, 1, ..., n-1. */
    public static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates) from a generator seeded with {@code seed}. */
    public static int[] permutation(int n, long seed) {
        return permutation(n, new SplittableRandom(seed));
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates) drawn from {@code rng}. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = range(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Randomly splits {@code dataset} into a training part holding {@code round(trainFraction · N)}
     * samples and a validation part with the rest; the same seed always gives the same split.
     * E.g. {@code split(ds, 0.8, 42)} keeps 80% for training. Fit scalers on {@code train()} only.
     */
    public static Split split(Dataset dataset, double trainFraction, long seed) {
        if (!(trainFraction >= 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("split: trainFraction must be in [0, 1], got " + trainFraction);
        }
        int n = dataset.size();
        int nTrain = (int) Math.round(trainFraction * n);
        int[] p = permutation(n, seed);
        int[] tr = new int[nTrain];
        int[] va = new int[n - nTrain];
        System.arraycopy(p, 0, tr, 0, nTrain);
        System.arraycopy(p, nTrain, va, 0, n - nTrain);
        return new Split(new Subset(dataset, tr), new Subset(dataset, va));
    }
}
