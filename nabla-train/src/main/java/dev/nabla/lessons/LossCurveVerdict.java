package dev.nabla.lessons;

import java.util.Locale;

/**
 * Reads a training-loss curve and says what it shows: it <b>converges</b>, it is <b>slow</b>, it
 * <b>oscillates</b> or it <b>diverges</b> — the verdicts of the seed's learning-rate exercise,
 * derived from the numbers, never written in. Used by {@code nabla exercise 4} and
 * {@code nabla lr-sweep}.
 *
 * <p>The curve is the loss once per epoch, {@code losses[0]} the loss before training (at least two
 * points). The rule, checked in this order (the first that fires wins):
 * <ol>
 * <li><b>diverges</b> — some loss is NaN or infinite, or the final loss is above the initial one.
 * <li><b>oscillates</b> — in the second half of the curve (the tail) the loss keeps going up and
 *     down with no net progress: consecutive differences change sign at least
 *     {@value #OSCILLATION_SIGN_CHANGES} of the time, the mean step |ΔL| is at least
 *     {@value #OSCILLATION_AMPLITUDE} of the mean tail loss (so rounding noise at a floor does not
 *     count), and the path length Σ|ΔL| is more than {@value #OSCILLATION_PATH_OVER_NET} times the
 *     net change |L_end − L_tailStart|.
 * <li><b>slow</b> — the loss has not come down far or is still falling: final/initial is above
 *     {@value #SLOW_RATIO}, or over the last fifth of the epochs the loss still fell by more than
 *     {@value #SLOW_TAIL_DROP} of its final value.
 * <li><b>converges</b> — otherwise: it came down and flattened out.
 * </ol>
 * <pre>{@code LossCurveVerdict.of(new double[] {4.0, 1.0, 0.3, 0.1, 0.1}) // CONVERGES}</pre>
 */
public final class LossCurveVerdict {
    private LossCurveVerdict() {}

    /** Minimum fraction of sign changes of consecutive differences in the tail for "oscillates". */
    public static final double OSCILLATION_SIGN_CHANGES = 0.3;
    /** Minimum mean |ΔL| in the tail, relative to the mean tail loss, for "oscillates". */
    public static final double OSCILLATION_AMPLITUDE = 0.01;
    /** Minimum ratio of tail path length Σ|ΔL| to tail net change for "oscillates". */
    public static final double OSCILLATION_PATH_OVER_NET = 3.0;
    /** final/initial above this is "slow". */
    public static final double SLOW_RATIO = 0.1;
    /** A drop over the last fifth of the epochs above this fraction of the final loss is "slow". */
    public static final double SLOW_TAIL_DROP = 0.1;

    /** The four verdicts. */
    public enum Verdict {
        CONVERGES, SLOW, OSCILLATES, DIVERGES;

        /** Lower-case name as printed ("converges"). */
        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    /**
     * A verdict with the measurements behind it and a sentence saying which rule fired.
     *
     * @param finalOverInitial   last loss / first loss
     * @param signChangeFraction fraction of sign changes among consecutive differences in the tail
     * @param relativeAmplitude  mean |ΔL| in the tail / mean tail loss
     * @param pathOverNet        Σ|ΔL| / |net change| in the tail (infinite when the net change is 0)
     * @param tailDrop           (L at 80% of the epochs − L_end) / L_end
     */
    public record Assessment(Verdict verdict, String reason, double finalOverInitial, double signChangeFraction,
                             double relativeAmplitude, double pathOverNet, double tailDrop) {}

    /** The verdict for {@code losses}. */
    public static Verdict of(double[] losses) { return assess(losses).verdict(); }

    /** The verdict for {@code losses} with the measurements and the reason. */
    public static Assessment assess(double[] losses) {
        if (losses == null || losses.length < 2) {
            throw new IllegalArgumentException("LossCurveVerdict: need a curve of at least 2 losses, got "
                    + (losses == null ? "null" : losses.length));
        }
        int n = losses.length;
        double first = losses[0], last = losses[n - 1];
        double ratio = first > 0 ? last / first : (last > 0 ? Double.POSITIVE_INFINITY : 0);
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(losses[i])) {
                return new Assessment(Verdict.DIVERGES, "loss became " + (Double.isNaN(losses[i]) ? "NaN" : "infinite")
                        + " at epoch " + i, ratio, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
        }
        // tail measurements
        int start = n / 2;
        int changes = 0, pairs = 0;
        double path = 0, tailSum = 0;
        for (int i = start; i < n; i++) tailSum += losses[i];
        for (int i = start + 1; i < n; i++) path += Math.abs(losses[i] - losses[i - 1]);
        for (int i = start + 2; i < n; i++) {
            double d0 = losses[i - 1] - losses[i - 2], d1 = losses[i] - losses[i - 1];
            pairs++;
            if (d0 * d1 < 0) changes++;
        }
        int steps = n - 1 - start;
        double signFrac = pairs == 0 ? 0 : (double) changes / pairs;
        double tailMean = tailSum / (n - start);
        double amplitude = steps == 0 || tailMean == 0 ? 0 : (path / steps) / tailMean;
        double net = Math.abs(last - losses[start]);
        double pathOverNet = net == 0 ? (path == 0 ? 0 : Double.POSITIVE_INFINITY) : path / net;
        int k = (int) Math.floor(0.8 * (n - 1));
        double tailDrop = last > 0 ? (losses[k] - last) / last : 0;

        if (last > first) {
            return new Assessment(Verdict.DIVERGES, String.format(Locale.ROOT,
                    "final loss %.4g is above the initial %.4g", last, first), ratio, signFrac, amplitude, pathOverNet, tailDrop);
        }
        if (signFrac >= OSCILLATION_SIGN_CHANGES && amplitude >= OSCILLATION_AMPLITUDE && pathOverNet > OSCILLATION_PATH_OVER_NET) {
            return new Assessment(Verdict.OSCILLATES, String.format(Locale.ROOT,
                    "second half goes up and down: %.0f%% sign changes, steps %.1f%% of the loss, path %.1f× the net change",
                    100 * signFrac, 100 * amplitude, pathOverNet), ratio, signFrac, amplitude, pathOverNet, tailDrop);
        }
        if (ratio > SLOW_RATIO) {
            return new Assessment(Verdict.SLOW, String.format(Locale.ROOT,
                    "final/initial = %.3g, above %.2g: the loss has not come down far", ratio, SLOW_RATIO),
                    ratio, signFrac, amplitude, pathOverNet, tailDrop);
        }
        if (tailDrop > SLOW_TAIL_DROP) {
            return new Assessment(Verdict.SLOW, String.format(Locale.ROOT,
                    "still falling: the last fifth of the epochs took off %.0f%% of the final loss", 100 * tailDrop),
                    ratio, signFrac, amplitude, pathOverNet, tailDrop);
        }
        return new Assessment(Verdict.CONVERGES, String.format(Locale.ROOT,
                "final/initial = %.3g and flat at the end (last fifth took off %.1f%%)", ratio, 100 * tailDrop),
                ratio, signFrac, amplitude, pathOverNet, tailDrop);
    }
}
