package dev.nabla.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides warnings from {@link Diagnostics} measurements alone — it can be given a constructed history,
 * which is how its tests check each rule. Rules (thresholds are the constructor's parameters):
 * <ul>
 * <li>exploding gradients: the loss or a gradient norm is NaN/Inf, or gradient norms grow toward the
 *     input by {@code explodeRatio} or more, or the total gradient norm grew {@code explodeRatio}-fold
 *     since the first epoch;
 * <li>vanishing gradients: in the last finite epoch the input layer's gradient norm is at most
 *     {@code vanishRatio} times the output layer's, and the norms shrink toward the input at most steps;
 * <li>dead ReLUs: a ReLU layer where at least {@code deadShare} of the units output 0 for every sample;
 * <li>learning rate too high: the loss ends above 1.5× where it started, or oscillates (rises in at least
 *     40% of the last epochs without falling overall);
 * <li>learning rate too low: over at least {@code minEpochs} epochs the loss fell by less than 10% and every layer's
 *     updates are under 1e-4 of the weights (silenced when dead ReLUs or vanishing gradients explain it);
 *     without update ratios, the loss fell by less than 1%;
 * <li>loss plateau: the loss fell by 10% or more earlier but by under 0.1% over the last {@code window} epochs.
 * </ul>
 */
public final class Advisor {
    private final double vanishRatio, explodeRatio, deadShare;
    private final int minEpochs, window;

    /** Default thresholds: vanishing 1e-2 (two orders of magnitude), exploding 1e3, dead share 0.5, 5 epochs. */
    public Advisor() { this(1e-2, 1e3, 0.5, 5, 5); }

    public Advisor(double vanishRatio, double explodeRatio, double deadShare, int minEpochs, int window) {
        this.vanishRatio = vanishRatio;
        this.explodeRatio = explodeRatio;
        this.deadShare = deadShare;
        this.minEpochs = minEpochs;
        this.window = window;
    }

    /** The warnings for {@code history} (oldest epoch first); empty when nothing looks wrong. */
    public List<Advice> advise(List<Diagnostics.EpochRecord> history) {
        List<Advice> out = new ArrayList<>();
        if (history.isEmpty()) return out;
        int n = history.size();
        double[] loss = history.stream().mapToDouble(Diagnostics.EpochRecord::loss).toArray();

        // exploding
        int firstBad = -1;
        String badWhat = null;
        for (int e = 0; e < n && firstBad < 0; e++) {
            if (!Double.isFinite(loss[e])) { firstBad = e; badWhat = "the loss is " + fmt(loss[e]); }
            for (Diagnostics.LayerStats s : history.get(e).layers()) {
                if (firstBad < 0 && !Double.isFinite(s.gradNorm())) {
                    firstBad = e;
                    badWhat = "layer " + s.layer() + "'s gradient norm is " + fmt(s.gradNorm());
                }
            }
        }
        if (firstBad >= 0) {
            out.add(new Advice(Advice.Kind.EXPLODING_GRADIENTS, null,
                    "training blew up: numbers became NaN or infinite in epoch " + history.get(firstBad).epoch(),
                    badWhat + " in epoch " + history.get(firstBad).epoch() + (firstBad == 0 ? " (the first)" : "; loss before: " + series(loss, Math.max(0, firstBad - 5), firstBad)),
                    "lower the learning rate, clip gradients (GradClip.clipGradNorm(params, 1.0)), check the initialisation; "
                            + "run with anomaly detection (Autograd.setAnomalyDetection(true)) to name the first op that makes a NaN"));
            if (firstBad >= 2 && loss[firstBad - 1] > loss[0] * 1.5) {
                out.add(new Advice(Advice.Kind.LEARNING_RATE_TOO_HIGH, null,
                        "the loss rose before it blew up: the learning rate is probably too high",
                        "loss " + series(loss, 0, firstBad), "divide the learning rate by 10, or add gradient clipping or a warm-up"));
            }
            return out;
        }
        Diagnostics.EpochRecord last = history.get(n - 1);
        double[] g = last.gradNorms();
        int L = g.length;
        if (L >= 2 && g[L - 1] > 0) {
            double ratio = g[0] / g[L - 1];
            if (ratio >= explodeRatio) {
                out.add(new Advice(Advice.Kind.EXPLODING_GRADIENTS, last.layers().get(0).layer(),
                        "gradients grow toward the input: the first layer's gradient is " + orders(ratio) + " larger than the last layer's",
                        "gradient norms from input to output in epoch " + last.epoch() + ": " + series(g, 0, L),
                        "use a smaller initialisation (Xavier/He), normalisation layers, or gradient clipping"));
            }
        }
        double total0 = total(history.get(0).gradNorms()), totalN = total(g);
        if (n >= 3 && total0 > 0 && totalN / total0 >= explodeRatio) {
            out.add(new Advice(Advice.Kind.EXPLODING_GRADIENTS, null,
                    "the gradient norm grew " + orders(totalN / total0) + " during training",
                    "total gradient norm " + fmt(total0) + " in epoch 1, " + fmt(totalN) + " in epoch " + last.epoch(),
                    "lower the learning rate or clip gradients (GradClip.clipGradNorm)"));
        }

        // dead ReLUs
        boolean dead = false;
        for (Diagnostics.LayerStats s : last.layers()) {
            if (!Double.isNaN(s.deadShare()) && s.deadShare() >= deadShare) {
                dead = true;
                out.add(new Advice(Advice.Kind.DEAD_RELUS, s.layer(),
                        pct(s.deadShare()) + " of the ReLU units after layer " + s.layer() + " are dead (they output 0 for every sample, so they get no gradient)",
                        "dead share after layer " + s.layer() + " by epoch: " + series(history.stream().mapToDouble(r -> r.layers().stream()
                                .filter(x -> x.layer().equals(s.layer())).findFirst().get().deadShare()).toArray(), Math.max(0, n - 6), n),
                        "lower the learning rate, initialise biases at 0 (or slightly positive), use He initialisation, or LeakyReLU"));
            }
        }

        // vanishing
        boolean vanishing = false;
        if (!dead && L >= 3 && g[L - 1] > 0 && g[0] > 0) {
            double ratio = g[0] / g[L - 1];
            int shrinking = 0;
            for (int i = 0; i + 1 < L; i++) if (g[i] < g[i + 1]) shrinking++;
            if (ratio <= vanishRatio && shrinking * 2 >= L - 1) {
                vanishing = true;
                StringBuilder sat = new StringBuilder();
                for (Diagnostics.LayerStats s : last.layers()) {
                    if (!Double.isNaN(s.saturatedShare()) && s.saturatedShare() >= 0.05) sat.append(sat.length() == 0 ? "; saturated " : ", ").append(s.activation()).append(" after ")
                            .append(s.layer()).append(": ").append(pct(s.saturatedShare()));
                }
                out.add(new Advice(Advice.Kind.VANISHING_GRADIENTS, last.layers().get(0).layer(),
                        "gradients vanish toward the input: the first layer's gradient is " + orders(1 / ratio) + " smaller than the last layer's, so the early layers barely learn",
                        "gradient norms from input to output in epoch " + last.epoch() + ": " + series(g, 0, L) + sat,
                        "use ReLU (or LeakyReLU/GELU) with He initialisation instead of sigmoid/tanh, fewer layers, normalisation or residual connections"));
            }
        }

        // learning rate too high: diverging or oscillating
        boolean tooHigh = false;
        if (n >= 3 && loss[n - 1] > loss[0] * 1.5) {
            tooHigh = true;
            out.add(new Advice(Advice.Kind.LEARNING_RATE_TOO_HIGH, null, "the loss is diverging: it ends higher than it started",
                    "loss " + series(loss, Math.max(0, n - 8), n) + " (epoch 1: " + fmt(loss[0]) + ")", "divide the learning rate by 10"));
        } else if (n >= minEpochs + 1) {
            int from = Math.max(0, n - 1 - 2 * window), ups = 0;
            for (int e = from + 1; e < n; e++) if (loss[e] > loss[e - 1]) ups++;
            int moves = n - 1 - from;
            if (ups >= 0.4 * moves && loss[n - 1] > 0.9 * loss[from]) {
                tooHigh = true;
                out.add(new Advice(Advice.Kind.LEARNING_RATE_TOO_HIGH, null,
                        "the loss oscillates instead of falling: the learning rate is probably too high",
                        "the loss rose in " + ups + " of the last " + moves + " epochs: " + series(loss, from, n),
                        "divide the learning rate by 3 to 10, or use a scheduler that lowers it"));
            }
        }

        // learning rate too low, plateau
        if (!tooHigh && !dead && !vanishing && n >= minEpochs && Double.isFinite(loss[0]) && loss[0] != 0) {
            double rel = (loss[0] - loss[n - 1]) / Math.abs(loss[0]);
            double ratio = maxRatio(last);
            if (Double.isNaN(ratio) ? rel < 0.01 : rel < 0.1 && ratio < 1e-4) {
                out.add(new Advice(Advice.Kind.LEARNING_RATE_TOO_LOW, null,
                        "the loss is barely moving: the learning rate is probably too low",
                        String.format(Locale.ROOT, "the loss fell by %s in %d epochs (%s → %s); largest update/weight ratio %s (about 1e-3 is healthy)",
                                pct(rel), n, fmt(loss[0]), fmt(loss[n - 1]), fmt(ratio)),
                        "multiply the learning rate by 10, or use Adam"));
            } else if (n >= 2 * window) {
                double start = loss[n - 1 - window];
                double earlier = (loss[0] - start) / Math.abs(loss[0]);
                double recent = (start - loss[n - 1]) / Math.abs(start);
                if (earlier >= 0.1 && recent < 0.001) {
                    out.add(new Advice(Advice.Kind.LOSS_PLATEAU, null, "the loss stopped falling",
                            String.format(Locale.ROOT, "it fell %s over epochs 1-%d but only %s over the last %d epochs (%s → %s)",
                                    pct(earlier), n - window, pct(recent), window, fmt(start), fmt(loss[n - 1])),
                            "if this loss is good enough, stop here (early stopping); otherwise lower the learning rate (a scheduler), "
                                    + "widen or deepen the network, or check the data"));
                }
            }
        }
        return out;
    }

    private static double maxRatio(Diagnostics.EpochRecord r) {
        double m = Double.NaN;
        for (Diagnostics.LayerStats l : r.layers()) if (Double.isFinite(l.updateRatio())) m = Double.isNaN(m) ? l.updateRatio() : Math.max(m, l.updateRatio());
        return m;
    }

    private static double total(double[] g) {
        double s = 0;
        for (double x : g) s += x * x;
        return Math.sqrt(s);
    }

    private static String orders(double ratio) {
        double o = Math.log10(ratio);
        return o >= 1 ? String.format(Locale.ROOT, "%.1f orders of magnitude", o) : String.format(Locale.ROOT, "%.1f times", ratio);
    }

    static String fmt(double v) { return ExplanationFormat.num(v, 3); }

    private static String pct(double v) { return String.format(Locale.ROOT, "%.1f%%", 100 * v); }

    private static String series(double[] v, int from, int to) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = from; i < to; i++) sb.append(i > from ? ", " : "").append(fmt(v[i]));
        return sb.append(']').toString();
    }
}
