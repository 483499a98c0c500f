package dev.nabla.cli;

import dev.nabla.explain.Diagnostics;
import dev.nabla.io.AtomicFiles;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Optimizer;
import dev.nabla.train.Checkpoint;
import dev.nabla.train.DiagnosticsCallback;
import dev.nabla.train.KeepBestCheckpoint;
import dev.nabla.train.Metrics;
import dev.nabla.train.Plots;
import dev.nabla.train.Progress;
import dev.nabla.train.Task;
import dev.nabla.train.TrainResult;
import dev.nabla.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Files;
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

/** {@code nabla train}: trains an MLP on a data set, writing history, plots and checkpoints. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multi-layer perceptron on a data set. Writes to --out: history.csv and history.json (one row per epoch),",
                "curves.png and curves.svg (loss and metrics), model.safetensors (PyTorch state-dict names, architecture in",
                "__metadata__) with model.state.safetensors (optimizer, epoch, history: for --resume), best.safetensors",
                "(lowest validation loss) and result.json. Prints one line per epoch (a progress bar on a terminal) and the test metrics."},
        footer = {"", "Examples:", "  nabla train --dataset moons --out runs/moons",
                "  nabla train --dataset mnist --layers 784,256,128,10 --activation relu --optimizer adam --lr 1e-3 --epochs 10 --batch-size 128 --seed 0 --out runs/mnist",
                "  nabla train --dataset spirals --epochs 100 --out runs/spirals --resume"})
final class TrainCommand implements Callable<Integer> {
    @Mixin TrainOptions opts;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/DATASET).")
    Path out;

    @Option(names = "--json", description = "Print one JSON object with the final metrics (epoch lines go to standard error).")
    boolean json;

    @Option(names = "--resume", description = "Continue from --out's model.state.safetensors up to --epochs (bit-identical to an uninterrupted run).")
    boolean resume;

    @Option(names = "--diagnose", description = "Per-layer gradient/weight norms, dead and saturated units, with warnings; plots diagnostics.png/svg.")
    boolean diagnose;

    @Spec CommandSpec spec;

    @Override public Integer call() throws Exception {
        opts.checkUsage();
        Path dir = out != null ? out : Path.of("runs", opts.dataset.replace(':', '_').replace('/', '_'));
        Path ckpt = dir.resolve("model.safetensors");
        if (resume && !Files.exists(Checkpoint.statePath(ckpt))) {
            throw new UsageException("--resume: no checkpoint to resume from in " + dir + " (looked for " + Checkpoint.statePath(ckpt) + ")");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter log = json ? spec.commandLine().getErr() : stdout;
        TrainOptions.Setup s = opts.resolve();
        Sequential model = s.model(opts.seed);
        Optimizer opt = opts.optimizer(s, model);
        Map<String, String> meta = s.metadata(opts.seed);
        if (resume) checkSameRun(ckpt, meta);
        Progress progress = Progress.auto(log, json);
        Trainer.Builder b = opts.trainer(s, opt).progress(progress).checkpoint(ckpt).metadata(meta);
        DiagnosticsCallback diag = null;
        if (diagnose) {
            diag = new DiagnosticsCallback(new Diagnostics(model), progress::message);
            b.callback(diag);
        }
        opts.addClipping(b);
        KeepBestCheckpoint best = s.validation != null ? new KeepBestCheckpoint(dir.resolve("best.safetensors")) : null;
        if (best != null) b.callback(best);
        Trainer trainer = b.build();
        if (!json) {
            log.printf(Locale.ROOT, "nabla train: %s, %d training / %s validation / %d test samples; network %s, %s, loss %s, %s lr %s, %d epochs of batch %d, seed %d%n",
                    s.data.name, s.train.size(), s.validation == null ? "no" : Integer.toString(s.validation.size()), s.data.test.size(),
                    meta.get("nabla.layers"), s.activation, s.lossName, s.optimizer, num(s.lr), s.epochs, s.batchSize, opts.seed);
            log.flush();
        }
        TrainResult r = resume
                ? trainer.resume(ckpt, model, s.loss(), opt, s.trainLoader(opts.seed), s.validationLoader())
                : trainer.fit(model, s.loss(), opt, s.trainLoader(opts.seed), s.validationLoader());

        Metrics test = Trainer.evaluate(model, s.loss(), s.testLoader(), s.task, 0.0);
        List<Path> files = new ArrayList<>();
        files.addAll(r.history().write(dir, "history"));
        files.addAll(Plots.history(r.history(), dir, "curves", s.data.name));
        if (!Files.exists(ckpt)) Checkpoint.save(ckpt, model, opt, new Checkpoint.State(r.epochs(), r.steps(), r.history()), meta);
        files.add(ckpt);
        files.add(Checkpoint.statePath(ckpt));
        if (best != null && best.bestEpoch() > 0) files.add(best.file());
        if (diag != null) {
            files.add(diag.diagnostics().writeCsv(dir.resolve("diagnostics.csv")));
            files.addAll(diag.diagnostics().writePlots(dir, "diagnostics"));
        }

        files.add(dir.resolve("result.json"));
        Map<String, Object> res = result(s, r, test, dir, files);
        AtomicFiles.writeString(dir.resolve("result.json"), Json.write(res) + "\n");
        if (json) stdout.println(Json.write(res));
        else stdout.print(text(res, test.task()));
        stdout.flush();
        return 0;
    }

    private static void checkSameRun(Path ckpt, Map<String, String> meta) throws java.io.IOException {
        Map<String, String> old = Checkpoint.loadState(ckpt).metadata();
        for (String k : List.of("nabla.dataset", "nabla.layers", "nabla.activation", "nabla.loss", "nabla.seed")) {
            if (old.containsKey(k) && !old.get(k).equals(meta.get(k))) {
                String opt = "--" + k.substring("nabla.".length());
                throw new UsageException("--resume: the checkpoint was trained with " + opt + " " + old.get(k) + ", not " + meta.get(k)
                        + " (a resumed run must repeat the options to continue exactly)");
            }
        }
    }

    static Map<String, Object> result(TrainOptions.Setup s, TrainResult r, Metrics test, Path dir, List<Path> files) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", s.data.name);
        m.put("task", s.task.label());
        m.put("layers", s.widths);
        m.put("activation", s.activation);
        m.put("loss", s.lossName);
        m.put("optimizer", s.optimizer);
        m.put("lr", s.lr);
        m.put("batch_size", s.batchSize);
        m.put("epochs", r.epochs());
        m.put("steps", r.steps());
        m.put("train_loss", r.last() == null ? Double.NaN : r.last().trainLoss());
        m.put("val_loss", r.last() == null ? Double.NaN : r.last().valLoss());
        m.put("test_loss", test.loss());
        for (Map.Entry<String, Double> e : test.values("test_").entrySet()) m.put(e.getKey(), e.getValue());
        m.put("seconds", r.seconds());
        m.put("samples_per_second", r.samplesPerSecond());
        m.put("stopped_early", r.stopReason());
        m.put("skipped_steps", r.skippedSteps());
        m.put("out", dir.toString());
        m.put("files", files.stream().map(p -> p.getFileName().toString()).toList());
        return m;
    }

    static String text(Map<String, Object> res, Task task) {
        StringBuilder sb = new StringBuilder("\n");
        sb.append(String.format(Locale.ROOT, "finished %s epochs (%s steps) in %.2f s, %.0f samples/s%n", res.get("epochs"), res.get("steps"),
                (Double) res.get("seconds"), (Double) res.get("samples_per_second")));
        if (res.get("stopped_early") != null) sb.append(res.get("stopped_early")).append('\n');
        sb.append(String.format(Locale.ROOT, "train_loss %s  test_loss %s", num((Double) res.get("train_loss")), num((Double) res.get("test_loss"))));
        if (task == Task.REGRESSION) {
            sb.append(String.format(Locale.ROOT, "  test_mae %s  test_rmse %s  test_r2 %s", num((Double) res.get("test_mae")),
                    num((Double) res.get("test_rmse")), num((Double) res.get("test_r2"))));
        } else {
            sb.append(String.format(Locale.ROOT, "  test_accuracy %.2f%%", 100 * (Double) res.get("test_accuracy")));
        }
        sb.append('\n').append("wrote ").append(res.get("out")).append(": ").append(String.join(", ", castList(res.get("files")))).append('\n');
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) { return (List<String>) o; }

    static String num(double v) { return String.format(Locale.ROOT, "%.4g", v); }
}
