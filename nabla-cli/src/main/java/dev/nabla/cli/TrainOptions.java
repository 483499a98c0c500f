package dev.nabla.cli;

import dev.nabla.DType;
import dev.nabla.Rng;
import dev.nabla.data.DataLoader;
import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.loss.Loss;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Mlp;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.LRScheduler;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Optimizers;
import dev.nabla.train.EarlyStopping;
import dev.nabla.train.GradientClipping;
import dev.nabla.train.SchedulerStep;
import dev.nabla.train.Task;
import dev.nabla.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * The options of a training task, shared by {@code train} and {@code lr-sweep}: data, network, loss,
 * optimizer, schedule, epochs, batch size, seed. Unset network/optimizer options take the data set's
 * defaults ({@link TrainData}).
 */
final class TrainOptions {
    @Option(names = "--dataset", required = true, paramLabel = "NAME",
            description = "mnist, fashion-mnist, iris, california-housing, csv:PATH, moons, spirals or linear.")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of the data files (default: ../shared/data as found by SharedData, else data/NAME; for iris/california-housing a CSV file or its directory).")
    Path dataDir;

    @Option(names = "--download", description = "Fetch MNIST/Fashion-MNIST into --data-dir first (checksums verified).")
    boolean download;

    @Option(names = "--target", paramLabel = "COL", description = "Target column of a CSV data set.")
    String target;

    @Option(names = "--limit", paramLabel = "N", description = "Use only N training samples (synthetic: draw N samples).", defaultValue = "0")
    int limit;

    @Option(names = "--layers", paramLabel = "W1,W2,...", description = "Layer widths, input first (default: per data set, e.g. 2,16,16,2 for moons).")
    String layers;

    @Option(names = "--activation", description = "Hidden activation: relu, tanh, sigmoid, gelu, leaky_relu (default: per data set).")
    String activation;

    @Option(names = "--loss", description = "cross-entropy, mse, l1 or bce (binary, on one logit) (default: per data set).")
    String loss;

    @Option(names = "--optimizer", description = "sgd, adam, adamw or rmsprop (default: per data set).")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate (default: per data set).")
    Double lr;

    @Option(names = "--momentum", description = "Momentum of sgd/rmsprop (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    double momentum;

    @Option(names = "--weight-decay", description = "L2 weight decay (default: ${DEFAULT-VALUE}; adamw: 0.01 when 0).", defaultValue = "0")
    double weightDecay;

    @Option(names = "--scheduler", description = "Learning-rate schedule per epoch: none, step (×gamma every --step-size epochs), exp (×gamma each epoch), cosine (to 0 at the last epoch) (default: ${DEFAULT-VALUE}).",
            defaultValue = "none")
    String scheduler;

    @Option(names = "--step-size", description = "Epochs between decays of --scheduler step (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int stepSize;

    @Option(names = "--gamma", description = "Decay factor of --scheduler step/exp (default: ${DEFAULT-VALUE}).", defaultValue = "0.5")
    double gamma;

    @Option(names = "--epochs", description = "Epochs (default: per data set).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Mini-batch size (default: per data set).")
    Integer batchSize;

    @Option(names = "--seed", description = "Seed of data, split, shuffling and initialisation (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--val-fraction", description = "Share of the training part held out for validation each epoch (default: ${DEFAULT-VALUE}; 0 for none).",
            defaultValue = "0.1")
    double valFraction;

    @Option(names = "--clip-norm", paramLabel = "MAX", description = "Clip the gradients' global L2 norm to MAX.")
    Double clipNorm;

    @Option(names = "--clip-value", paramLabel = "V", description = "Clip each gradient element to [-V, V].")
    Double clipValue;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE", description = "Stop when the validation loss has not improved for PATIENCE epochs.")
    Integer patience;

    @Option(names = "--min-delta", description = "Smallest improvement that counts for --early-stopping (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    double minDelta;

    @Option(names = "--on-nonfinite", description = "stop or skip: what a NaN/Inf loss or gradient does (default: ${DEFAULT-VALUE}).", defaultValue = "stop")
    String onNonFinite;

    /** Everything resolved: data, defaults applied, names validated. */
    static final class Setup {
        TrainData data;
        int[] widths;
        String activation, lossName, optimizer;
        double lr;
        int epochs, batchSize;
        Task task;
        Dataset train, validation;

        Loss loss() { return Loss.byName(lossName); }

        Sequential model(long seed) { return Mlp.of(widths, activation, DType.FLOAT32, Rng.seeded(seed)); }

        DataLoader trainLoader(long seed) { return new DataLoader(train, batchSize).shuffle(seed); }

        DataLoader validationLoader() { return validation == null ? null : new DataLoader(validation, Math.max(batchSize, 256)); }

        DataLoader testLoader() { return new DataLoader(data.test, Math.max(batchSize, 256)); }

        /** The architecture and preprocessing written into checkpoints, so evaluate/predict can rebuild the model. */
        Map<String, String> metadata(long seed) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("nabla.layers", Arrays.stream(widths).mapToObj(Integer::toString).collect(Collectors.joining(",")));
            m.put("nabla.activation", activation);
            m.put("nabla.loss", lossName);
            m.put("nabla.task", task.label());
            m.put("nabla.dataset", data.name);
            m.put("nabla.seed", Long.toString(seed));
            if (data.shift != null) {
                m.put("nabla.scaler.shift", Arrays.stream(data.shift).mapToObj(Double::toString).collect(Collectors.joining(",")));
                m.put("nabla.scaler.scale", Arrays.stream(data.scale).mapToObj(Double::toString).collect(Collectors.joining(",")));
            }
            return m;
        }
    }

    /** Checks the options that need no data (usage errors, exit 2). */
    void checkUsage() {
        TrainData.checkName(dataset);
        if (activation != null) usage(() -> Activation.byName(activation));
        if (loss != null) usage(() -> Loss.byName(loss));
        if (optimizer != null && !Optimizers.NAMES.contains(optimizer.toLowerCase(Locale.ROOT))) {
            throw new UsageException("unknown optimizer '" + optimizer + "' (expected one of " + String.join(", ", Optimizers.NAMES) + ")");
        }
        if (layers != null) usage(() -> Mlp.parseLayers(layers));
        if (lr != null && !(lr >= 0 && Double.isFinite(lr))) throw new UsageException("--lr must be a non-negative number, got " + lr);
        if (epochs != null && epochs < 1) throw new UsageException("--epochs must be at least 1, got " + epochs);
        if (batchSize != null && batchSize < 1) throw new UsageException("--batch-size must be at least 1, got " + batchSize);
        if (!(valFraction >= 0 && valFraction < 1)) throw new UsageException("--val-fraction must be in [0, 1), got " + valFraction);
        if (!java.util.List.of("none", "step", "exp", "cosine").contains(scheduler)) {
            throw new UsageException("unknown --scheduler '" + scheduler + "' (expected none, step, exp or cosine)");
        }
        if (!onNonFinite.equals("stop") && !onNonFinite.equals("skip")) throw new UsageException("--on-nonfinite must be stop or skip, got " + onNonFinite);
        if (clipNorm != null && clipValue != null) throw new UsageException("--clip-norm and --clip-value exclude each other");
        if (clipNorm != null && !(clipNorm > 0)) throw new UsageException("--clip-norm must be positive, got " + clipNorm);
        if (clipValue != null && !(clipValue > 0)) throw new UsageException("--clip-value must be positive, got " + clipValue);
        if (patience != null && patience < 1) throw new UsageException("--early-stopping needs a patience of at least 1, got " + patience);
        if (limit < 0) throw new UsageException("--limit must be positive, got " + limit);
    }

    private static void usage(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Loads the data and resolves defaults; a network that does not fit the data is a usage error. */
    Setup resolve() throws IOException {
        checkUsage();
        Setup s = new Setup();
        s.data = TrainData.load(dataset, dataDir, download, target, seed, limit, 0.2);
        TrainData.Defaults d = s.data.defaults;
        s.activation = activation != null ? activation : d.activation();
        s.lossName = loss != null ? loss.toLowerCase(Locale.ROOT) : d.loss();
        if (s.lossName.equals("bce")) s.lossName = "bce-with-logits"; // binary cross-entropy on the logit: stable
        s.optimizer = optimizer != null ? optimizer.toLowerCase(Locale.ROOT) : d.optimizer();
        s.lr = lr != null ? lr : d.lr();
        s.epochs = epochs != null ? epochs : d.epochs();
        s.batchSize = batchSize != null ? batchSize : d.batchSize();
        s.task = Task.forLoss(s.lossName);
        s.widths = layers != null ? Mlp.parseLayers(layers) : Mlp.parseLayers(s.data.features + "," + d.layersAfterInput());
        checkFit(s);
        if (valFraction > 0) {
            Datasets.Split sp = Datasets.split(s.data.train, 1 - valFraction, seed + 1);
            s.train = sp.train();
            s.validation = sp.validation();
        } else {
            s.train = s.data.train;
        }
        return s;
    }

    private void checkFit(Setup s) {
        int in = s.widths[0], out = s.widths[s.widths.length - 1];
        TrainData data = s.data;
        if (in != data.features) {
            throw new UsageException("--layers starts with " + in + " inputs but " + data.name + " has " + data.features
                    + " features per sample (e.g. --layers " + data.features + "," + data.defaults.layersAfterInput() + ")");
        }
        if (s.task == Task.CLASSIFICATION && data.task != Task.CLASSIFICATION) {
            throw new UsageException("--loss " + s.lossName + " needs class labels, but " + data.name + " is a regression data set (use --loss mse)");
        }
        if (s.task == Task.CLASSIFICATION && out != data.outputs) {
            throw new UsageException("--layers ends with " + out + " outputs but " + data.name + " has " + data.outputs + " classes");
        }
        if (s.task == Task.BINARY && (data.task != Task.CLASSIFICATION || data.outputs != 2 || out != 1)) {
            throw new UsageException("--loss bce needs a two-class data set and one output (--layers ...,1); " + data.name + " has "
                    + data.outputs + (data.task == Task.CLASSIFICATION ? " classes" : " regression targets") + " and the network " + out + " outputs");
        }
        if (s.task == Task.REGRESSION && data.task == Task.REGRESSION && out != data.outputs) {
            throw new UsageException("--layers ends with " + out + " outputs but " + data.name + " has " + data.outputs + " target(s)");
        }
        if (s.task == Task.REGRESSION && data.task == Task.CLASSIFICATION) {
            throw new UsageException("--loss " + s.lossName + " is a regression loss but " + data.name + " has class labels (use --loss cross-entropy)");
        }
    }

    Optimizer optimizer(Setup s, Sequential model) { return Optimizers.byName(s.optimizer, model.parameters(), s.lr, momentum, weightDecay); }

    /** The trainer options common to train and lr-sweep: schedule, clipping, early stopping, NaN policy. */
    Trainer.Builder trainer(Setup s, Optimizer opt) {
        Trainer.Builder b = Trainer.builder().epochs(s.epochs).task(s.task)
                .onNonFinite(onNonFinite.equals("skip") ? Trainer.NonFinite.SKIP : Trainer.NonFinite.STOP);
        LRScheduler sched = switch (scheduler) {
            case "step" -> new LRScheduler.StepLR(opt, stepSize, gamma);
            case "exp" -> new LRScheduler.ExponentialLR(opt, gamma);
            case "cosine" -> new LRScheduler.CosineAnnealingLR(opt, s.epochs, 0);
            default -> null;
        };
        if (sched != null) b.callback(new SchedulerStep(sched));
        if (patience != null) b.callback(new EarlyStopping(patience, minDelta));
        return b;
    }

    /** Clipping goes after diagnostics (which must see raw gradients), so it is added separately. */
    void addClipping(Trainer.Builder b) {
        if (clipNorm != null) b.callback(GradientClipping.byNorm(clipNorm));
        if (clipValue != null) b.callback(GradientClipping.byValue(clipValue));
    }
}
