package dev.nabla.data;

/**
 * Maps each feature's training range [min, max] linearly onto [low, high] (default [0, 1]), as
 * scikit-learn's {@code MinMaxScaler}. Values outside the training range map outside [low, high].
 * A constant feature maps to {@code low}.
 */
public final class MinMaxScaler extends Scaler {
    private final double low;
    private final double high;

    /** Scales to [0, 1]. */
    public MinMaxScaler() { this(0, 1); }

    /** Scales to [low, high]. */
    public MinMaxScaler(double low, double high) {
        if (!(low < high)) throw new IllegalArgumentException("MinMaxScaler: need low < high, got [" + low + ", " + high + "]");
        this.low = low;
        this.high = high;
    }

    @Override
    protected void fitColumns(double[] data, int n, int d) {
        double[] min = new double[d];
        double[] max = new double[d];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = data[i * d + j];
                if (v < min[j]) min[j] = v;
                if (v > max[j]) max[j] = v;
            }
        }
        // x' = (x - m) * s with s = (high-low)/(max-min) and m = min - low/s, i.e. low + (x - min) * s.
        double[] sc = new double[d];
        double[] sh = new double[d];
        for (int j = 0; j < d; j++) {
            double range = max[j] - min[j];
            sc[j] = (high - low) / (range == 0 ? 1 : range);
            sh[j] = min[j] - low / sc[j];
        }
        shift = sh;
        scale = sc;
        this.dataMin = min;
        this.dataMax = max;
    }

    private double[] dataMin;
    private double[] dataMax;

    /** Per-feature training minimum. */
    public double[] dataMin() {
        shift();
        return dataMin.clone();
    }

    /** Per-feature training maximum. */
    public double[] dataMax() {
        shift();
        return dataMax.clone();
    }

    @Override protected String name() { return "MinMaxScaler"; }
}
