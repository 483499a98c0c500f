package dev.nabla.tensor;

/**
 * Scalar special functions the ops need and {@link Math} lacks: a stable sigmoid, erf to near
 * double precision, and exact GELU with its derivative.
 */
public final class MathFunctions {
    private MathFunctions() {}

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    /** 1/(1+e^-x) without overflow for large |x|. */
    public static double sigmoid(double x) {
        if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * The error function. For |x| &lt; 4 the everywhere-positive series
     * erf(x) = 2/√π · e^{-x²} · Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)) (Abramowitz &amp; Stegun 7.1.6), which has no
     * cancellation; beyond, 1 − erfc(x) from erfc's continued fraction (A&amp;S 7.1.14). Relative error ~1e-15.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        double r;
        if (ax < 4.0) {
            double x2 = ax * ax, term = ax, sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= 2.0 * x2 / (2 * n + 1);
                sum += term;
                if (term < sum * 1e-17) break;
            }
            r = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
        } else {
            r = 1.0 - erfcLarge(ax);
        }
        return x < 0 ? -r : r;
    }

    private static double erfcLarge(double x) {
        // erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
        double f = x;
        for (int k = 60; k >= 1; k--) f = x + (k / 2.0) / f;
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }

    /** Standard normal CDF Φ(x). */
    public static double normalCdf(double x) { return 0.5 * (1.0 + erf(x * INV_SQRT_2)); }

    /** GELU(x) = x·Φ(x) (exact form, PyTorch's default). */
    public static double gelu(double x) { return x * normalCdf(x); }

    /** d/dx GELU = Φ(x) + x·φ(x). */
    public static double geluDerivative(double x) { return normalCdf(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x); }
}
