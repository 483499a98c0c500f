package dev.nabla.cli;

import dev.nabla.data.DataLoader;
import dev.nabla.loss.Loss;
import dev.nabla.train.Metrics;
import dev.nabla.train.Task;
import dev.nabla.train.Trainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nabla evaluate}: test metrics of a checkpoint on a data set's test part. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a checkpoint written by `nabla train` on a data set's test part: loss and accuracy, or MAE/RMSE/R².",
                "The network is rebuilt from the checkpoint's metadata; data set and seed default to the training run's."},
        footer = {"", "Example:", "  nabla evaluate --checkpoint runs/moons/model.safetensors"})
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "A model.safetensors or best.safetensors from `nabla train`.")
    Path checkpoint;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Data set (default: the one it was trained on).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of the data files.")
    Path dataDir;

    @Option(names = "--download", description = "Fetch MNIST/Fashion-MNIST into --data-dir first.")
    boolean download;

    @Option(names = "--target", paramLabel = "COL", description = "Target column of a CSV data set.")
    String target;

    @Option(names = "--seed", description = "Seed of synthetic data and split (default: the training run's).")
    Long seed;

    @Option(names = "--json", description = "Print the metrics as one JSON object.")
    boolean json;

    @Spec CommandSpec spec;

    @Override public Integer call() throws Exception {
        if (dataset != null) TrainData.checkName(dataset);
        SavedModel sm = SavedModel.load(checkpoint);
        String ds = dataset != null ? dataset : sm.meta.get("nabla.dataset");
        if (ds == null) throw new UsageException("--dataset is needed: the checkpoint does not name its data set");
        long sd = seed != null ? seed : Long.parseLong(sm.meta.getOrDefault("nabla.seed", "0"));
        TrainData data = TrainData.load(ds, dataDir, download, target, sd, 0, 0.2);
        if (data.features != sm.inputs()) {
            throw new UsageException("the checkpoint's network takes " + sm.inputs() + " inputs but " + data.name + " has " + data.features + " features");
        }
        Loss loss = Loss.byName(sm.lossName);
        Metrics m = Trainer.evaluate(sm.model, loss, new DataLoader(data.test, 256), sm.task, 0.0);
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("checkpoint", checkpoint.toString());
        res.put("dataset", data.name);
        res.put("task", sm.task.label());
        res.put("samples", data.test.size());
        res.put("test_loss", m.loss());
        res.putAll(m.values("test_"));
        var out = spec.commandLine().getOut();
        if (json) out.println(Json.write(res));
        else {
            out.printf(Locale.ROOT, "%s on the %s test part (%d samples): test_loss %.4g", checkpoint, data.name, data.test.size(), m.loss());
            if (sm.task == Task.REGRESSION) out.printf(Locale.ROOT, "  test_mae %.4g  test_rmse %.4g  test_r2 %.4g%n", m.mae(), m.rmse(), m.r2());
            else out.printf(Locale.ROOT, "  test_accuracy %.2f%%%n", 100 * m.accuracy());
        }
        out.flush();
        return 0;
    }
}
