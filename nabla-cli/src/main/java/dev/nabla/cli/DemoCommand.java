package dev.nabla.cli;

import static dev.nabla.cli.LessonText.fix;
import static dev.nabla.cli.LessonText.lpad;

import dev.nabla.lessons.Demo;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nabla demo}: the tour — the seed's worked example computed by autograd, then the second seed's
 * two-layer network learning a two-moons classification with the loss falling epoch by epoch.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "A short tour of Nabla that needs no data files.",
            "  1. the seed tutorial's worked example (as nabla walkthrough): forward,",
            "     backward() and one SGD step on a 1-1-1 network, every value with the",
            "     chain-rule formula behind it;",
            "  2. the second tutorial's network, 2 → ReLU hidden layer → sigmoid,",
            "     binary cross-entropy, Adam, trained on a seeded two-moons set: the",
            "     loss falling and the accuracy rising epoch by epoch.",
            ""},
        footer = {"", "Examples:", "  nabla demo", "  nabla demo --epochs 50 --hidden 4     a smaller, quicker run",
            "  nabla demo --noise 0.3                a harder data set", "",
            "Next: nabla walkthrough --help, nabla exercise 1 … 5"})
public final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--epochs", defaultValue = "200", paramLabel = "N", description = "Training epochs, full batch (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--hidden", defaultValue = "16", paramLabel = "H", description = "Hidden-layer width (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--points", defaultValue = "200", paramLabel = "N", description = "Two-moons points (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--noise", defaultValue = "0.15", paramLabel = "STD", description = "Noise of the points (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--lr", defaultValue = "0.05", paramLabel = "LR", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "Seed of data and weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object: {walkthrough: …, classifier: …}.")
    boolean json;

    @Override public Integer call() {
        Demo.Config c;
        try {
            c = new Demo.Config(points, noise, hidden, epochs, lr, seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        long t0 = System.nanoTime();
        Demo.Result r = Demo.run(c);
        double seconds = (System.nanoTime() - t0) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("walkthrough", LessonText.walkthroughJson(r.walkthrough()));
            m.put("classifier", r.toMap());
            out.println(Json.write(m));
            out.flush();
            return 0;
        }
        out.println("∇ Nabla demo");
        out.println();
        out.println("Part 1 — forward and back-propagation by hand, done by autograd");
        out.println();
        LessonText.walkthrough(out, r.walkthrough());
        out.println();
        out.println("Part 2 — a two-layer network learns to separate two moons");
        out.println();
        out.println(String.format(Locale.ROOT, "Data: %d points on two interleaving half-moons, noise %.2f, seed %d (built in, no files).",
                c.points(), c.noise(), c.seed()));
        out.println(String.format(Locale.ROOT, "Model: x (2) → Linear(2, %d) → ReLU → Linear(%d, 1) → sigmoid = P(class 1); loss: binary"
                + " cross-entropy; Adam, lr %s, full batch.", c.hidden(), c.hidden(), c.lr()));
        out.println();
        out.println("  " + lpad("epoch", 6) + lpad("loss", 11) + lpad("accuracy", 10));
        for (int e : LessonText.milestones(c.epochs() + 1, Math.max(1, c.epochs() / 10))) {
            out.println("  " + lpad(Integer.toString(e), 6) + lpad(fix(r.losses()[e], 6), 11)
                    + lpad(String.format(Locale.ROOT, "%.1f%%", 100 * r.accuracies()[e]), 10));
        }
        out.println();
        out.println(String.format(Locale.ROOT, "Final: loss %.6f (from %.6f), accuracy %.1f%% on the %d training points. (%.2f s)",
                r.finalLoss(), r.losses()[0], 100 * r.finalAccuracy(), c.points(), seconds));
        out.println("Next: nabla walkthrough --help, then nabla exercise 1 … 5.");
        out.flush();
        return 0;
    }
}
