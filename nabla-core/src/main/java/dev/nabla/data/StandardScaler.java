package dev.nabla.data;

/**
 * Standardizes each feature to mean 0 and standard deviation 1, as scikit-learn's
 * {@code StandardScaler}: {@code x' = (x - mean) / std} with the population standard deviation
 * (divide by N). A constant feature (std 0) is only centred.
 */
public final class StandardScaler extends Scaler {
    /** An unfitted scaler. */
    public StandardScaler() {}

    @Override
    protected void fitColumns(double[] data, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += data[i * d + j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = data[i * d + j] - mean[j];
                var[j] += c * c;
            }
        }
        double[] sc = new double[d];
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(var[j] / n);
            sc[j] = std == 0 ? 1 : 1 / std;
        }
        shift = mean;
        scale = sc;
    }

    /** Per-feature means. */
    public double[] mean() { return shift(); }

    /** Per-feature population standard deviations (1 for constant features). */
    public double[] std() {
        double[] s = scale();
        for (int j = 0; j < s.length; j++) s[j] = 1 / s[j];
        return s;
    }

    @Override protected String name() { return "StandardScaler"; }
}
