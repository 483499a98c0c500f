package dev.nabla.data;

import dev.nabla.Tensor;
import java.util.SplittableRandom;

/**
 * Small seeded toy datasets for tutorials and tests; the same arguments always give the same
 * samples. Features are float32; class labels are float32 class indices of shape (N,).
 */
public final class SyntheticData {
    private SyntheticData() {}

    /**
     * {@code y = a·x + b + noise}: x uniform in [-1, 1), noise normal with standard deviation
     * {@code noiseStd}; x and y both of shape (N, 1) — the seed tutorial's regression exercise.
     */
    public static TensorDataset linear(int n, double a, double b, double noiseStd, long seed) {
        return linear(n, new double[] {a}, b, noiseStd, seed);
    }

    /** {@code y = w·x + b + noise} with x (N, D) uniform in [-1, 1), D = weights.length, and y (N, 1). */
    public static TensorDataset linear(int n, double[] weights, double bias, double noiseStd, long seed) {
        checkN(n);
        SplittableRandom rng = new SplittableRandom(seed);
        int d = weights.length;
        float[] x = new float[n * d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double s = bias;
            for (int j = 0; j < d; j++) {
                float v = (float) (rng.nextDouble() * 2 - 1);
                x[i * d + j] = v;
                s += weights[j] * v;
            }
            y[i] = (float) (s + noiseStd * rng.nextGaussian());
        }
        return new TensorDataset(Tensor.fromArray(x, n, d), Tensor.fromArray(y, n, 1));
    }

    /**
     * Two interleaving half circles, as scikit-learn's {@code make_moons}: class 0 on
     * {@code (cos t, sin t)}, class 1 on {@code (1 - cos t, 0.5 - sin t)}, t uniform in [0, π],
     * plus normal noise of standard deviation {@code noise}; classes alternate (even index = 0).
     */
    public static TensorDataset twoMoons(int n, double noise, long seed) {
        checkN(n);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double t = rng.nextDouble() * Math.PI;
            int c = i % 2;
            double px = c == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double py = c == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            x[2 * i] = (float) (px + noise * rng.nextGaussian());
            x[2 * i + 1] = (float) (py + noise * rng.nextGaussian());
            y[i] = c;
        }
        return new TensorDataset(Tensor.fromArray(x, n, 2), Tensor.fromArray(y, n));
    }

    /** Two interleaved spirals; see {@link #spirals(int, int, double, long)}. */
    public static TensorDataset spirals(int n, double noise, long seed) { return spirals(n, 2, noise, seed); }

    /**
     * K interleaved spiral arms (the CS231n spiral): sample i belongs to arm {@code k = i mod K} at
     * radius r uniform in [0, 1) and angle {@code 4r + 2πk/K} (plus normal noise of standard
     * deviation {@code noise} radians), at {@code (r sin θ, r cos θ)}.
     */
    public static TensorDataset spirals(int n, int arms, double noise, long seed) {
        checkN(n);
        if (arms < 2) throw new IllegalArgumentException("spirals: need at least 2 arms, got " + arms);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int k = i % arms;
            double r = rng.nextDouble();
            double th = 4 * r + 2 * Math.PI * k / arms + noise * rng.nextGaussian();
            x[2 * i] = (float) (r * Math.sin(th));
            x[2 * i + 1] = (float) (r * Math.cos(th));
            y[i] = k;
        }
        return new TensorDataset(Tensor.fromArray(x, n, 2), Tensor.fromArray(y, n));
    }

    /**
     * XOR: points uniform in [-1, 1)², label 1 when exactly one coordinate is positive, then normal
     * noise of standard deviation {@code noise} added to the coordinates (labels unchanged).
     */
    public static TensorDataset xor(int n, double noise, long seed) {
        checkN(n);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double a = rng.nextDouble() * 2 - 1;
            double b = rng.nextDouble() * 2 - 1;
            y[i] = (a > 0) != (b > 0) ? 1 : 0;
            x[2 * i] = (float) (a + noise * rng.nextGaussian());
            x[2 * i + 1] = (float) (b + noise * rng.nextGaussian());
        }
        return new TensorDataset(Tensor.fromArray(x, n, 2), Tensor.fromArray(y, n));
    }

    /**
     * Gaussian blobs, as scikit-learn's {@code make_blobs}: {@code k} centres drawn uniformly from
     * [-10, 10)^dim, sample i from centre {@code i mod k} plus normal noise of standard deviation
     * {@code std}.
     */
    public static TensorDataset blobs(int n, int k, int dim, double std, long seed) {
        if (k < 1 || dim < 1) throw new IllegalArgumentException("blobs: need k >= 1 and dim >= 1, got k=" + k + ", dim=" + dim);
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] centers = new double[k][dim];
        for (double[] c : centers) for (int j = 0; j < dim; j++) c[j] = rng.nextDouble() * 20 - 10;
        return blobs(n, centers, std, rng);
    }

    /** Gaussian blobs around the given centres (all of one dimension), sample i from centre {@code i mod k}. */
    public static TensorDataset blobs(int n, double[][] centers, double std, long seed) {
        return blobs(n, centers, std, new SplittableRandom(seed));
    }

    private static TensorDataset blobs(int n, double[][] centers, double std, SplittableRandom rng) {
        checkN(n);
        if (centers.length == 0) throw new IllegalArgumentException("blobs: need at least one centre");
        int dim = centers[0].length;
        float[] x = new float[n * dim];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % centers.length;
            if (centers[c].length != dim) throw new IllegalArgumentException("blobs: centres differ in dimension");
            for (int j = 0; j < dim; j++) x[i * dim + j] = (float) (centers[c][j] + std * rng.nextGaussian());
            y[i] = c;
        }
        return new TensorDataset(Tensor.fromArray(x, n, dim), Tensor.fromArray(y, n));
    }

    private static void checkN(int n) {
        if (n <= 0) throw new IllegalArgumentException("need a positive number of samples, got " + n);
    }
}
