package dev.nabla.lessons;

import java.util.SplittableRandom;

/**
 * The small seeded data sets the lessons train on: the line y = 2x + 1 + noise of the first seed's
 * exercise 3, and two interleaving half-moons (as scikit-learn's {@code make_moons}) for the second
 * seed's classifier. Same seed, same numbers, on every machine.
 */
public final class LessonData {
    private LessonData() {}

    /**
     * Points (x, y) with x uniform in [lo, hi) and y = slope·x + intercept + N(0, noise²).
     *
     * @return {x[], y[]}
     */
    public static double[][] line(int n, double lo, double hi, double slope, double intercept, double noise, long seed) {
        if (n < 2) throw new IllegalArgumentException("line: need at least 2 points, got " + n);
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * r.nextDouble();
            y[i] = slope * x[i] + intercept + noise * r.nextGaussian();
        }
        return new double[][] {x, y};
    }

    /**
     * Two moons from {@link dev.nabla.data.SyntheticData#twoMoons} (scikit-learn's {@code make_moons}
     * layout), as rows {x0, x1, label} for the lessons' double-precision code.
     */
    public static double[][] moons(int n, double noise, long seed) {
        if (n < 2) throw new IllegalArgumentException("moons: need at least 2 points, got " + n);
        dev.nabla.data.TensorDataset ds = dev.nabla.data.SyntheticData.twoMoons(n, noise, seed);
        double[] x = ds.features().toDoubleArray(), y = ds.targets().toDoubleArray();
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) rows[i] = new double[] {x[2 * i], x[2 * i + 1], y[i]};
        return rows;
    }
}
