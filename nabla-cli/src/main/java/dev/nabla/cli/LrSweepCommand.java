package dev.nabla.cli;

import dev.nabla.data.DataLoader;
import dev.nabla.lessons.LossCurveVerdict;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Optimizer;
import dev.nabla.train.Callback;
import dev.nabla.train.History;
import dev.nabla.train.Plots;
import dev.nabla.train.TrainContext;
import dev.nabla.train.Trainer;
import dev.nabla.train.TrainingDivergedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nabla lr-sweep}: the same training task at several learning rates, with a verdict per rate. */
@Command(name = "lr-sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the same network from the same initial weights at each learning rate of --lrs and read each loss",
                "curve: converges, slow, oscillates or diverges (LossCurveVerdict; the curve starts with the loss before",
                "training). Writes lr-sweep.png/svg (every rate's training loss per epoch, log scale) and lr-sweep.json to --out."},
        footer = {"", "Example:", "  nabla lr-sweep --dataset moons --optimizer sgd --lrs 0.001,0.1,1,30 --epochs 20"})
final class LrSweepCommand implements Callable<Integer> {
    @Mixin TrainOptions opts;

    @Option(names = "--lrs", required = true, split = ",", paramLabel = "LR,LR,...", description = "Learning rates to try.")
    List<Double> lrs;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/lr-sweep-DATASET).")
    Path out;

    @Option(names = "--json", description = "Print the table as one JSON object.")
    boolean json;

    @Spec CommandSpec spec;

    /** Records the training loss of every epoch. */
    private static final class Curve implements Callback {
        final List<Double> losses = new ArrayList<>();

        @Override public void onEpochEnd(TrainContext ctx, History.Row row) { losses.add(row.trainLoss()); }
    }

    @Override public Integer call() throws Exception {
        opts.checkUsage();
        for (double lr : lrs) if (!(lr >= 0) || Double.isInfinite(lr)) throw new UsageException("--lrs: bad learning rate " + lr);
        Path dir = out != null ? out : Path.of("runs", "lr-sweep-" + opts.dataset.replace(':', '_').replace('/', '_'));
        TrainOptions.Setup s = opts.resolve();
        Map<String, double[]> curves = new LinkedHashMap<>();
        List<Map<String, Object>> table = new ArrayList<>();
        for (double lr : lrs) {
            s.lr = lr;
            Sequential model = s.model(opts.seed);
            Optimizer opt = opts.optimizer(s, model);
            DataLoader train = s.trainLoader(opts.seed);
            double initial = Trainer.evaluate(model, s.loss(), new DataLoader(s.train, Math.max(s.batchSize, 256)), s.task, 0.0).loss();
            Curve curve = new Curve();
            Trainer.Builder b = opts.trainer(s, opt).callback(curve);
            opts.addClipping(b);
            String note = null;
            try {
                b.build().fit(model, s.loss(), opt, train, s.validationLoader());
            } catch (TrainingDivergedException e) {
                curve.losses.add(Double.NaN);
                note = e.getMessage();
            }
            double[] c = new double[curve.losses.size() + 1];
            c[0] = initial;
            for (int i = 0; i < curve.losses.size(); i++) c[i + 1] = curve.losses.get(i);
            LossCurveVerdict.Assessment a = LossCurveVerdict.assess(c);
            String label = "lr " + fmt(lr);
            curves.put(label, c);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("lr", lr);
            row.put("initial_loss", initial);
            row.put("final_loss", c[c.length - 1]);
            row.put("verdict", a.verdict().label());
            row.put("reason", a.reason());
            row.put("losses", c);
            if (note != null) row.put("stopped", note);
            table.add(row);
        }
        List<Path> files = new ArrayList<>(Plots.curves(curves, "learning-rate sweep: " + s.data.name + " (" + s.optimizer + ")", "epoch",
                "training loss", true, dir, "lr-sweep"));
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("dataset", s.data.name);
        res.put("optimizer", s.optimizer);
        res.put("epochs", s.epochs);
        res.put("rates", table);
        res.put("files", files.stream().map(Path::toString).toList());
        dev.nabla.io.AtomicFiles.writeString(dir.resolve("lr-sweep.json"), Json.write(res) + "\n");
        var pw = spec.commandLine().getOut();
        if (json) pw.println(Json.write(res));
        else {
            pw.printf(Locale.ROOT, "nabla lr-sweep: %s, network %s, %s, %d epochs, seed %d%n%n", s.data.name,
                    s.metadata(opts.seed).get("nabla.layers"), s.optimizer, s.epochs, opts.seed);
            pw.printf(Locale.ROOT, "%-10s %-12s %-12s %-11s %s%n", "lr", "loss before", "loss after", "verdict", "why");
            for (Map<String, Object> r : table) {
                pw.printf(Locale.ROOT, "%-10s %-12s %-12s %-11s %s%n", fmt((Double) r.get("lr")), fmt((Double) r.get("initial_loss")),
                        fmt((Double) r.get("final_loss")), r.get("verdict"), r.get("reason"));
            }
            pw.println();
            pw.println("plot: " + files.get(0) + " (and .svg); table: " + dir.resolve("lr-sweep.json"));
        }
        pw.flush();
        return 0;
    }

    private static String fmt(double v) { return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4g", v); }
}
