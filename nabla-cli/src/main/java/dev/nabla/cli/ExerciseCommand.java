package dev.nabla.cli;

import static dev.nabla.cli.LessonText.fix;
import static dev.nabla.cli.LessonText.lpad;
import static dev.nabla.cli.LessonText.num;
import static dev.nabla.cli.LessonText.pad;

import dev.nabla.lessons.Exercises;
import dev.nabla.lessons.LossCurveVerdict;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nabla exercise N}: the seed tutorials' practice exercises 1–5, solved and shown with Nabla. */
@Command(name = "exercise", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "The practice exercises of the seed tutorials, solved with Nabla.",
            "  1  a hidden layer of 2 neurons: forward, backward and update,",
            "     with each neuron's gradients",
            "  2  ReLU instead of sigmoid: its derivative, and both networks",
            "     trained on the same data, losses side by side",
            "  3  a training loop on y = 2x + 1 + noise: the loss each epoch and",
            "     the fitted line against the true one",
            "  4  the learning-rate study on exercise 3's task (0.01, 0.1, 0.5, 1.0):",
            "     each loss curve and its verdict (converges, slow, oscillates,",
            "     diverges), read from the curve by a stated rule",
            "  5  the second tutorial's x → ReLU(W1·x + b1) → sigmoid(W2·a1 + b2),",
            "     binary cross-entropy: one step by hand-written chain rule checked",
            "     against autograd, then training with SGD and with Adam",
            ""},
        footer = {"", "Examples:", "  nabla exercise 1", "  nabla exercise 4", "  nabla exercise 5 --json"})
public final class ExerciseCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "N", description = "Exercise number, 1 to 5.")
    int number;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override public Integer call() {
        if (number < 1 || number > Exercises.COUNT) {
            throw new UsageException("there is no exercise " + number + " (choose 1 to " + Exercises.COUNT + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (number) {
            case 1: {
                Exercises.HiddenTwo r = Exercises.hiddenLayerOfTwo();
                if (json) out.println(Json.write(r.toMap())); else one(out, r);
                break;
            }
            case 2: {
                Exercises.ActivationCompare r = Exercises.reluVersusSigmoid();
                if (json) out.println(Json.write(r.toMap())); else two(out, r);
                break;
            }
            case 3: {
                Exercises.LineFit r = Exercises.lineFit(0.1);
                if (json) out.println(Json.write(r.toMap())); else three(out, r);
                break;
            }
            case 4: {
                Exercises.LrStudy r = Exercises.learningRateStudy();
                if (json) out.println(Json.write(r.toMap())); else four(out, r);
                break;
            }
            default: {
                Exercises.TwoLayer r = Exercises.twoLayerClassifier();
                if (json) out.println(Json.write(r.toMap())); else five(out, r);
            }
        }
        out.flush();
        return 0;
    }

    // ------------------------------------------------------------------ 1

    private static void one(PrintWriter out, Exercises.HiddenTwo r) {
        out.println("Exercise 1: a hidden layer of 2 sigmoid neurons — w1, b1 and w2 have shape (2,).");
        out.println("Same sample as the walkthrough: x = " + r.x() + ", y_true = " + r.yTrue() + ", lr = " + r.lr()
                + ". Neuron 0 is the walkthrough's neuron, neuron 1 is new; b2 = " + r.b2() + ".");
        out.println("y_pred = w2[0]·a1[0] + w2[1]·a1[1] + b2, so ∂L/∂y_pred reaches both neurons.");
        out.println();
        List<Exercises.Neuron> n = r.neurons();
        String[][] rows = {
            {"w1", "initial"}, {"b1", "initial"}, {"w2", "initial"},
            {"z1", "w1·x + b1"}, {"a1", "σ(z1)"},
            {"∂L/∂a1", "∂L/∂y_pred · w2"}, {"σ'(z1)", "σ(z1)·(1 − σ(z1))"}, {"∂L/∂z1", "∂L/∂a1 · σ'(z1)"},
            {"∂L/∂w1", "∂L/∂z1 · x"}, {"∂L/∂b1", "∂L/∂z1 · 1"}, {"∂L/∂w2", "∂L/∂y_pred · a1"},
            {"w1'", "w1 − lr·∂L/∂w1"}, {"b1'", "b1 − lr·∂L/∂b1"}, {"w2'", "w2 − lr·∂L/∂w2"}};
        out.println("  " + pad("", 8) + pad("formula", 20) + lpad("neuron 0", 24) + lpad("neuron 1", 24));
        for (String[] row : rows) {
            out.println("  " + pad(row[0], 8) + pad(row[1], 20) + lpad(num(neuronValue(n.get(0), row[0])), 24)
                    + lpad(num(neuronValue(n.get(1), row[0])), 24));
        }
        out.println();
        out.println("  y_pred      = " + num(r.yPred()) + "      L  = (y_true − y_pred)² = " + num(r.loss()));
        out.println("  ∂L/∂y_pred  = " + num(r.dLdyPred()) + "      ∂L/∂b2 = " + num(r.dLdb2()) + "      b2' = " + num(r.b2New()));
        out.println("  y_pred'     = " + num(r.yPredNew()) + "      L' = " + num(r.lossNew()) + "      ΔL = " + num(r.lossNew() - r.loss()));
        out.println("  ∂L/∂w1 has shape " + Arrays.toString(r.gradShapeW1()) + ", the shape of w1 " + Arrays.toString(r.shapeW1()) + ".");
        out.println();
        double ratio = Math.abs(n.get(1).dLdw1() / n.get(0).dLdw1());
        out.println(String.format(Locale.ROOT, "Neuron 0 sits at z1 = %s where σ' = %.4f (saturated); neuron 1 at z1 = %s where σ' = %.4f,"
                + " so neuron 1's w1 gets %.1f× the gradient.", fix(n.get(0).z1(), 2), n.get(0).dSigmaDz1(), fix(n.get(1).z1(), 2),
                n.get(1).dSigmaDz1(), ratio));
        out.println(String.format(Locale.ROOT, "One neuron (the walkthrough): loss %.4f → %.4f after one step; two neurons: %.4f → %.4f.",
                r.oneNeuronLoss(), r.oneNeuronLossNew(), r.loss(), r.lossNew()));
    }

    private static double neuronValue(Exercises.Neuron n, String key) {
        switch (key) {
            case "w1": return n.w1();
            case "b1": return n.b1();
            case "w2": return n.w2();
            case "z1": return n.z1();
            case "a1": return n.a1();
            case "∂L/∂a1": return n.dLda1();
            case "σ'(z1)": return n.dSigmaDz1();
            case "∂L/∂z1": return n.dLdz1();
            case "∂L/∂w1": return n.dLdw1();
            case "∂L/∂b1": return n.dLdb1();
            case "∂L/∂w2": return n.dLdw2();
            case "w1'": return n.w1New();
            case "b1'": return n.b1New();
            default: return n.w2New();
        }
    }

    // ------------------------------------------------------------------ 2

    private static void two(PrintWriter out, Exercises.ActivationCompare r) {
        out.println("Exercise 2: ReLU in place of sigmoid.");
        out.println("ReLU(z) = max(0, z), ReLU'(z) = 1 if z > 0 else 0 (at z = 0 Nabla, like PyTorch, uses 0).");
        out.println("σ'(z) = σ(z)·(1 − σ(z)) is at most 0.25 and vanishes for large |z|. Both columns come from autograd:");
        out.println();
        out.println("  " + lpad("z", 6) + lpad("σ'(z)", 22) + lpad("ReLU'(z)", 10));
        for (int i = 0; i < r.z().length; i++) {
            out.println("  " + lpad(fix(r.z()[i], 1), 6) + lpad(num(r.sigmoidPrime()[i]), 22) + lpad(fix(r.reluPrime()[i], 0), 10));
        }
        out.println();
        out.println("Both trained on the same data (exercise 3's points, y = 2x + 1 + noise), same start (w1 2, b1 −1, w2 1.5, b2 0.5),");
        out.println("full-batch gradient descent, lr " + r.lr() + ", MSE:");
        out.println();
        out.println("  " + lpad("epoch", 6) + lpad("sigmoid", 12) + lpad("relu", 12));
        for (int e : LessonText.milestones(r.epochs() + 1, 10)) {
            out.println("  " + lpad(Integer.toString(e), 6) + lpad(fix(r.sigmoidLosses()[e], 6), 12) + lpad(fix(r.reluLosses()[e], 6), 12));
        }
        double s = r.sigmoidLosses()[r.epochs()], q = r.reluLosses()[r.epochs()];
        out.println();
        out.println(String.format(Locale.ROOT, "After %d epochs ReLU's loss is %.4f, sigmoid's %.4f: %s.", r.epochs(), q, s,
                q < s ? "ReLU passes the full gradient where it is active, sigmoid scales it by σ' ≤ 0.25"
                        : "here sigmoid did better: ReLU units with z ≤ 0 get no gradient at all"));
    }

    // ------------------------------------------------------------------ 3

    private static void three(PrintWriter out, Exercises.LineFit r) {
        out.println("Exercise 3: a training loop on y = 2x + 1 + noise.");
        out.println(String.format(Locale.ROOT, "Data: %d points, x uniform in [0, 1), noise N(0, %.2f²), seed %d. Model: y = w·x + b"
                + " (Linear(1, 1), w = b = 0 at the start).", r.n(), r.noise(), r.seed()));
        out.println(String.format(Locale.ROOT, "Training: mini-batch SGD, batch %d, lr %s, %d epochs, MSE loss. Loss on all points"
                + " after each epoch (epoch 0 = before training):", r.batchSize(), r.lr(), r.epochs()));
        out.println();
        lossGrid(out, r.losses());
        out.println();
        double[] xs = {0, 0.5, 1};
        out.println(String.format(Locale.ROOT, "  fitted line         y = %.4f·x + %.4f", r.w(), r.b()));
        out.println(String.format(Locale.ROOT, "  true line           y = %.4f·x + %.4f", r.trueW(), r.trueB()));
        out.println(String.format(Locale.ROOT, "  least-squares line  y = %.4f·x + %.4f   (the best line for these noisy points, MSE %.6f)",
                r.lsW(), r.lsB(), r.lsLoss()));
        out.println();
        out.println("  " + lpad("x", 5) + lpad("fitted", 10) + lpad("true", 10));
        for (double x : xs) {
            out.println("  " + lpad(fix(x, 1), 5) + lpad(fix(r.w() * x + r.b(), 4), 10) + lpad(fix(r.trueW() * x + r.trueB(), 4), 10));
        }
        double last = r.losses()[r.losses().length - 1];
        out.println();
        out.println(String.format(Locale.ROOT, "The loss fell from %.4f to %.6f; the noise itself costs about %.6f (least squares), so the"
                + " fit is %s.", r.losses()[0], last, r.lsLoss(), last < 1.05 * r.lsLoss() ? "as good as the data allows" : "still improving"));
    }

    private static void lossGrid(PrintWriter out, double[] losses) {
        for (int start = 0; start < losses.length; start += 10) {
            StringBuilder sb = new StringBuilder("  ").append(lpad(Integer.toString(start), 3)).append(start + 9 < losses.length ? "-" + lpad(Integer.toString(start + 9), 3) : "    ").append(":");
            for (int i = start; i < Math.min(losses.length, start + 10); i++) sb.append(' ').append(fix(losses[i], 6));
            out.println(sb);
        }
    }

    // ------------------------------------------------------------------ 4

    private static void four(PrintWriter out, Exercises.LrStudy r) {
        out.println("Exercise 4: the learning rate is the step size. Exercise 3's task (y = 2x + 1 + noise, Linear(1, 1) from 0,");
        out.println("mini-batch SGD, batch " + Exercises.LINE_BATCH + ", " + Exercises.LINE_EPOCHS
                + " epochs) with each rate; same data, same shuffling, same start. Loss on all points:");
        out.println();
        StringBuilder head = new StringBuilder("  ").append(lpad("epoch", 6));
        for (Exercises.LrRun run : r.runs()) head.append(lpad("lr " + run.lr(), 14));
        out.println(head);
        int[] epochs = {0, 1, 2, 3, 5, 10, 20, 30, 50, 70, 90, 95, 96, 97, 98, 99, 100};
        for (int e : epochs) {
            StringBuilder sb = new StringBuilder("  ").append(lpad(Integer.toString(e), 6));
            for (Exercises.LrRun run : r.runs()) {
                double[] l = run.fit().losses();
                sb.append(lpad(e < l.length ? fix(l[e], 6) : "—", 14));
            }
            out.println(sb);
        }
        out.println();
        for (Exercises.LrRun run : r.runs()) {
            LossCurveVerdict.Assessment a = run.assessment();
            out.println("  lr " + pad(Double.toString(run.lr()), 5) + " " + pad(a.verdict().label(), 11) + a.reason());
        }
        out.println();
        out.println("Rule (LossCurveVerdict, first match wins): diverges = a loss is NaN/inf or the last is above the first;");
        out.println("oscillates = in the second half ≥ 30% of steps reverse direction, steps are ≥ 1% of the loss and the path");
        out.println("is > 3× the net change; slow = last/first > 0.1, or the last fifth of the epochs still took off > 10%;");
        out.println("converges = otherwise. Too small a step is slow, too large a step overshoots: it bounces, then blows up.");
    }

    // ------------------------------------------------------------------ 5

    private static void five(PrintWriter out, Exercises.TwoLayer r) {
        out.println("Exercise 5: the second tutorial's network  x → z1 = W1·x + b1 → a1 = ReLU(z1) → z2 = W2·a1 + b2 → ŷ = σ(z2),");
        out.println("binary cross-entropy L = −[y·log ŷ + (1 − y)·log(1 − ŷ)]. W1 is (3, 2) and W2 is (1, 3): (out, in), as the tutorial says.");
        out.println();
        out.println("One sample, x = " + Arrays.toString(Exercises.EX5_X) + ", y = " + Exercises.EX5_Y + ":");
        out.println("  z1 = " + vec(r.z1()) + "   a1 = " + vec(r.a1()) + "   (ReLU passes only z1 > 0)");
        out.println("  z2 = " + fix(r.z2(), 6) + "   ŷ = " + fix(r.yHat(), 6) + "   L = " + fix(r.loss(), 6));
        out.println();
        out.println("Chain rule by hand (∂L/∂z2 = ŷ − y: the sigmoid's σ(1 − σ) cancels BCE's 1/(ŷ(1 − ŷ))) against autograd:");
        for (Exercises.GradCompare g : r.grads()) {
            out.println("  ∂L/∂" + pad(g.name(), 3) + " shape " + pad(Arrays.toString(g.gradShape()), 7) + " = " + g.formula());
            out.println("        hand     " + vec(g.hand()));
            out.println("        autograd " + vec(g.autograd()) + "   max |diff| " + String.format(Locale.ROOT, "%.1e", g.maxAbsDiff()));
        }
        out.println(String.format(Locale.ROOT, "Largest difference over the loss and all gradients: %.1e. Every gradient has its parameter's shape: %s.",
                r.maxAbsDiff(), r.shapesMatch() ? "yes" : "NO"));
        out.println(String.format(Locale.ROOT, "One SGD step (lr %s): loss %.6f → %.6f by hand, %.6f by Nabla's SGD.",
                Exercises.EX5_LR, r.loss(), r.lossAfterHandStep(), r.lossAfterOptimizerStep()));
        out.println();
        out.println(String.format(Locale.ROOT, "Training the same network (hidden %d) on %d two-moons points, full batch, same start:"
                + " SGD lr %s vs Adam lr %s", r.hidden(), r.trainN(), r.sgdLr(), r.adamLr()));
        out.println("  " + lpad("epoch", 6) + lpad("SGD", 12) + lpad("Adam", 12));
        for (int e : LessonText.milestones(r.epochs() + 1, 10)) {
            out.println("  " + lpad(Integer.toString(e), 6) + lpad(fix(r.sgdLosses()[e], 6), 12) + lpad(fix(r.adamLosses()[e], 6), 12));
        }
        boolean sgdFell = r.sgdLosses()[r.epochs()] < r.sgdLosses()[0], adamFell = r.adamLosses()[r.epochs()] < r.adamLosses()[0];
        out.println(String.format(Locale.ROOT, "Accuracy after %d epochs: SGD %.1f%%, Adam %.1f%%. The loss fell for %s.",
                r.epochs(), 100 * r.sgdAccuracy(), 100 * r.adamAccuracy(),
                sgdFell && adamFell ? "both" : sgdFell ? "SGD only" : adamFell ? "Adam only" : "neither"));
    }

    private static String vec(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(String.format(Locale.ROOT, "%.6f", v[i] + 0.0));
        }
        return sb.append(']').toString();
    }
}
