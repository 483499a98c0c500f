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
     * Two moons: n points, half on the upper arc (cos t, sin t) with label 0, half on the lower arc
     * (1 − cos t, 0.5 − sin t) with label 1, t uniform in [0, π], plus Gaussian noise of std
     * {@code noise} on both coordinates; rows shuffled.
     *
     * @return features (n × 2) and labels 0/1 as {@code double[][]} rows: {x0, x1, label}
     */
    public static double[][] moons(int n, double noise, long seed) {
        if (n < 2) throw new IllegalArgumentException("moons: need at least 2 points, got " + n);
        // TODO: switch to dev.nabla.data.SyntheticData once it lands in main.
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            boolean lower = i % 2 == 1;
            double t = Math.PI * r.nextDouble();
            double a = lower ? 1 - Math.cos(t) : Math.cos(t);
            double b = lower ? 0.5 - Math.sin(t) : Math.sin(t);
            rows[i] = new double[] {a + noise * r.nextGaussian(), b + noise * r.nextGaussian(), lower ? 1 : 0};
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double[] tmp = rows[i];
            rows[i] = rows[j];
            rows[j] = tmp;
        }
        return rows;
    }
}
