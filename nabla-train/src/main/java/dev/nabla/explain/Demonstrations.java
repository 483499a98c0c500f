package dev.nabla.explain;

import dev.nabla.AnomalyException;
import dev.nabla.DType;
import dev.nabla.Rng;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.loss.Loss;
import dev.nabla.loss.MSELoss;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Init;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.GradClip;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.SGD;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The {@code nabla diagnose} demonstrations: small, seeded, self-contained training runs that show a
 * training problem and its fix with numbers, {@link Advisor} warnings and a {@link DiagnosticsPlot} each.
 * All use the same synthetic regression set (256 samples, y = sin(2x₀)·cos(x₁) + 0.5·x₀x₁ + noise,
 * x ~ N(0, 1)), minibatches of 32, MSE loss and plain SGD.
 */
public final class Demonstrations {
    private Demonstrations() {}

    /** The demonstrations by name. */
    public static final List<String> NAMES = List.of("vanishing", "exploding", "dead-relu", "learning-rate");

    /** One training run of a demonstration. */
    public record Run(String id, String label, String setup, double firstLoss, double lastLoss, List<Diagnostics.EpochRecord> history,
                      List<Advice> advice, String anomaly, List<Path> plots) {}

    /** A demonstration: its runs (problem first, then fixes) and a summary in words. */
    public record Result(String name, String problem, List<Run> runs, String summary) {}

    /** Runs demonstration {@code name}, writing plots into {@code out} (null: no plots). */
    public static Result run(String name, Path out, long seed) throws IOException {
        switch (name) {
            case "vanishing": return vanishing(out, seed);
            case "exploding": return exploding(out, seed);
            case "dead-relu": return deadRelu(out, seed);
            case "learning-rate": return learningRate(out, seed);
            default: throw new IllegalArgumentException("unknown demonstration '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
        }
    }

    // ------------------------------------------------------------------ data and loop

    /** The synthetic set: x (n, 2), y (n, 1), float32, seeded. */
    static Tensor[] data(long seed, int n) {
        RandomGenerator r = Rng.seeded(seed);
        double[] x = new double[n * 2], y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian(), b = r.nextGaussian();
            x[2 * i] = a;
            x[2 * i + 1] = b;
            y[i] = Math.sin(2 * a) * Math.cos(b) + 0.5 * a * b + 0.05 * r.nextGaussian();
        }
        return new Tensor[] {Tensor.fromArray(x, n, 2).to(DType.FLOAT32), Tensor.fromArray(y, n, 1).to(DType.FLOAT32)};
    }

    /** Trains {@code model} for {@code epochs} epochs; optional clipping; stops early once the loss is NaN/Inf. */
    static Run train(String id, String label, String setup, Module model, double lr, int epochs, double clip, long seed, Path out, String plotName)
            throws IOException {
        Tensor[] d = data(seed, 256);
        Loss loss = new MSELoss();
        Optimizer opt = new SGD(model.parameters(), lr);
        Diagnostics diag = new Diagnostics(model);
        int n = d[0].size(0), bs = 32;
        for (int e = 0; e < epochs; e++) {
            for (int s = 0; s < n; s += bs) {
                Tensor xb = d[0].narrow(0, s, bs).contiguous().detach(), yb = d[1].narrow(0, s, bs).contiguous().detach();
                opt.zeroGrad();
                Tensor l = loss.compute(model.forward(xb), yb);
                l.backward();
                diag.afterBackward(l);
                if (clip > 0) GradClip.clipGradNorm(model.parameters(), clip);
                opt.step();
                diag.afterStep();
            }
            Diagnostics.EpochRecord r = diag.endEpoch();
            if (!Double.isFinite(r.loss())) break;
        }
        List<Diagnostics.EpochRecord> h = diag.history();
        List<Path> plots = out == null ? List.of() : DiagnosticsPlot.write(h, out, plotName, label);
        return new Run(id, label, setup, h.get(0).loss(), h.get(h.size() - 1).loss(), h, diag.advice(), null, plots);
    }

    private static Sequential mlp(int[] widths, Supplier<Module> act, long seed, boolean he, double biasInit, double weightScale) {
        RandomGenerator r = Rng.seeded(seed);
        List<Module> mods = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            Linear lin = new Linear(widths[i], widths[i + 1], true, DType.FLOAT32, r);
            if (he) Init.kaimingNormal(lin.weight(), "relu", r);
            if (weightScale != 1) Init.values(lin.weight(), scale(lin.weight().toDoubleArray(), weightScale));
            boolean hidden = i + 2 < widths.length;
            if (hidden && !Double.isNaN(biasInit)) Init.constant(lin.bias(), biasInit);
            else if (he) Init.zeros(lin.bias());
            mods.add(lin);
            if (hidden) mods.add(act.get());
        }
        return new Sequential(mods);
    }

    private static double[] scale(double[] v, double s) {
        for (int i = 0; i < v.length; i++) v[i] *= s;
        return v;
    }

    private static int[] deep(int depth, int width) {
        int[] w = new int[depth + 2];
        w[0] = 2;
        for (int i = 1; i <= depth; i++) w[i] = width;
        w[depth + 1] = 1;
        return w;
    }

    private static Path dir(Path out) { return out; }

    // ------------------------------------------------------------------ the four demonstrations

    static Result vanishing(Path out, long seed) throws IOException {
        int[] w = deep(8, 32);
        Run bad = train("sigmoid", "deep sigmoid net", "2-32×8-1, sigmoid, PyTorch default init U(±1/√fan_in), SGD lr 0.1, 20 epochs",
                mlp(w, Activation.Sigmoid::new, seed, false, Double.NaN, 1), 0.1, 20, 0, seed, dir(out), "vanishing-sigmoid");
        Run good = train("relu-he", "same net with ReLU + He init", "2-32×8-1, ReLU, He (Kaiming) normal init, zero biases, SGD lr 0.01, 20 epochs",
                mlp(w, Activation.ReLU::new, seed, true, Double.NaN, 1), 0.01, 20, 0, seed, dir(out), "vanishing-relu-he");
        double[] g = bad.history.get(0).gradNorms();
        return new Result("vanishing", "vanishing gradients", List.of(bad, good), String.format(java.util.Locale.ROOT,
                "With sigmoid (σ' ≤ 0.25) the first layer's gradient is %s of the last layer's (epoch 1), so the early layers hardly move and the loss "
                        + "stays at %s; with ReLU and He initialisation gradients keep their size and the loss falls from %s to %s.",
                Advisor.fmt(g[0] / g[g.length - 1]), Advisor.fmt(bad.lastLoss), Advisor.fmt(good.firstLoss), Advisor.fmt(good.lastLoss)));
    }

    static Result exploding(Path out, long seed) throws IOException {
        int[] w = {2, 32, 1};
        double lr = 0.3;
        Supplier<Module> tanh = Activation.Tanh::new;
        Run bad = train("high-lr", "learning rate 0.3", "2-32-1, tanh, PyTorch default init, SGD lr 0.3, 20 epochs",
                mlp(w, tanh, seed, false, Double.NaN, 1), lr, 20, 0, seed, dir(out), "exploding-lr");
        String anomaly = firstAnomaly(mlp(w, tanh, seed, false, Double.NaN, 1), lr, seed);
        bad = new Run(bad.id, bad.label, bad.setup, bad.firstLoss, bad.lastLoss, bad.history, bad.advice, anomaly, bad.plots);
        Run clip = train("clip", "same, gradients clipped to norm 1", "as above, GradClip.clipGradNorm(params, 1.0) after backward",
                mlp(w, tanh, seed, false, Double.NaN, 1), lr, 20, 1.0, seed, dir(out), "exploding-clipped");
        Run small = train("small-lr", "learning rate 0.03", "as above, SGD lr 0.03, no clipping",
                mlp(w, tanh, seed, false, Double.NaN, 1), 0.03, 20, 0, seed, dir(out), "exploding-small-lr");
        return new Result("exploding", "exploding gradients", List.of(bad, clip, small), String.format(java.util.Locale.ROOT,
                "At lr 0.3 the loss goes from %s to %s within %d epochs; anomaly mode names the first op that made a non-finite number. "
                        + "Clipping the gradient norm to 1 keeps training finite (loss %s at the end), a 10× smaller rate trains (%s).",
                Advisor.fmt(bad.firstLoss), Advisor.fmt(bad.lastLoss), bad.history.size(), Advisor.fmt(clip.lastLoss), Advisor.fmt(small.lastLoss)));
    }

    /** Repeats the run with anomaly detection on; returns the exception's message, or null if none. */
    static String firstAnomaly(Module model, double lr, long seed) {
        Tensor[] d = data(seed, 256);
        Loss loss = new MSELoss();
        Optimizer opt = new SGD(model.parameters(), lr);
        boolean prev = Autograd.setAnomalyDetection(true);
        try {
            for (int e = 0; e < 50; e++) {
                for (int s = 0; s < 256; s += 32) {
                    Tensor xb = d[0].narrow(0, s, 32).contiguous().detach(), yb = d[1].narrow(0, s, 32).contiguous().detach();
                    opt.zeroGrad();
                    Tensor l = loss.compute(model.forward(xb), yb);
                    l.backward();
                    opt.step();
                }
            }
        } catch (AnomalyException ex) {
            return ex.getMessage();
        } finally {
            Autograd.setAnomalyDetection(prev);
        }
        return null;
    }

    static Result deadRelu(Path out, long seed) throws IOException {
        int[] w = {2, 64, 64, 1};
        Run bad = train("dead", "ReLU with bias −3", "2-64-64-1, ReLU, hidden biases initialised to −3, SGD lr 0.05, 20 epochs",
                mlp(w, Activation.ReLU::new, seed, false, -3, 1), 0.05, 20, 0, seed, dir(out), "dead-relu");
        Run zero = train("zero-bias", "ReLU with bias 0", "as above with the biases initialised to 0",
                mlp(w, Activation.ReLU::new, seed, false, 0, 1), 0.05, 20, 0, seed, dir(out), "dead-relu-zero-bias");
        Diagnostics.LayerStats first = bad.history.get(bad.history.size() - 1).layers().get(0);
        return new Result("dead-relu", "dead ReLUs", List.of(bad, zero), String.format(java.util.Locale.ROOT,
                "With biases at −3, %.0f%% of the first hidden layer's ReLUs never fire, so they get no gradient and the loss stays at %s; "
                        + "with zero biases the units fire and the loss falls to %s.",
                100 * first.deadShare(), Advisor.fmt(bad.lastLoss), Advisor.fmt(zero.lastLoss)));
    }

    static Result learningRate(Path out, long seed) throws IOException {
        int[] w = {2, 32, 1};
        List<Run> runs = new ArrayList<>();
        double[] lrs = {3e-5, 0.1, 0.3};
        String[] ids = {"too-low", "good", "too-high"};
        for (int i = 0; i < lrs.length; i++) {
            runs.add(train(ids[i], "lr " + Advisor.fmt(lrs[i]), "2-32-1, tanh, PyTorch default init, SGD lr " + Advisor.fmt(lrs[i]) + ", 30 epochs",
                    mlp(w, Activation.Tanh::new, seed, false, Double.NaN, 1), lrs[i], 30, 0, seed, dir(out), "learning-rate-" + ids[i]));
        }
        return new Result("learning-rate", "learning rate too low / good / too high", runs, String.format(java.util.Locale.ROOT,
                "lr 3e-5 barely moves the loss (%s → %s), lr 0.1 trains (%s → %s), lr 0.3 overshoots and diverges (%s → %s).",
                Advisor.fmt(runs.get(0).firstLoss), Advisor.fmt(runs.get(0).lastLoss), Advisor.fmt(runs.get(1).firstLoss), Advisor.fmt(runs.get(1).lastLoss),
                Advisor.fmt(runs.get(2).firstLoss), Advisor.fmt(runs.get(2).lastLoss)));
    }
}
