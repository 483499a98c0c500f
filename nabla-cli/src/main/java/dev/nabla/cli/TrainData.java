package dev.nabla.cli;

import dev.nabla.Tensor;
import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.data.Download;
import dev.nabla.data.Mnist;
import dev.nabla.data.StandardScaler;
import dev.nabla.data.SyntheticData;
import dev.nabla.data.TensorDataset;
import dev.nabla.data.csv.CaliforniaHousing;
import dev.nabla.data.csv.CsvDataset;
import dev.nabla.data.csv.Iris;
import dev.nabla.data.csv.SharedData;
import dev.nabla.train.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The data sets {@code nabla train}, {@code evaluate} and {@code lr-sweep} know, each with sensible
 * defaults (network, loss, optimizer, rate, epochs, batch size) so that {@code nabla train --dataset
 * moons} works with nothing else. Synthetic sets are drawn from the seed and split 80/20 into
 * train/test with it; MNIST-style sets come with their own test set. Features are standardised with
 * statistics of the training part (except MNIST's pixels, already in [0, 1]).
 */
final class TrainData {
    /** Names accepted by --dataset (plus csv:PATH). */
    static final List<String> NAMES = List.of("mnist", "fashion-mnist", "iris", "california-housing", "moons", "spirals", "linear");

    /** The defaults of a data set. */
    record Defaults(String layersAfterInput, String activation, String loss, String optimizer, double lr, int epochs, int batchSize) {}

    final String name;
    final Task task;
    final int features;
    /** Classes (classification), 1 (binary/regression with one target) or the target width. */
    final int outputs;
    final Defaults defaults;
    Dataset train;
    Dataset test;
    /** Standardisation fitted on the training part (null when none). */
    double[] shift, scale;

    private TrainData(String name, Task task, int features, int outputs, Defaults defaults) {
        this.name = name;
        this.task = task;
        this.features = features;
        this.outputs = outputs;
        this.defaults = defaults;
    }

    /** Only the defaults and shape of a data set, without loading it (for usage checks and evaluate). */
    static void checkName(String dataset) {
        String d = dataset.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(d) && !d.startsWith("csv:")) {
            throw new UsageException("unknown dataset '" + dataset + "' (expected one of " + String.join(", ", NAMES) + " or csv:PATH)");
        }
    }

    /**
     * Loads {@code dataset}: synthetic sets from {@code seed}; file-based ones from {@code dataDir}
     * (default: the shared data, SharedData, else data/NAME), fetching MNIST/Fashion-MNIST first with {@code download}.
     */
    static TrainData load(String dataset, Path dataDir, boolean download, String target, long seed, int limit, double testFraction)
            throws IOException {
        checkName(dataset);
        String d = dataset.toLowerCase(Locale.ROOT);
        TrainData td;
        switch (d) {
            case "moons": {
                td = new TrainData(d, Task.CLASSIFICATION, 2, 2, new Defaults("16,16,2", "relu", "cross-entropy", "adam", 0.01, 30, 32));
                td.splitSynthetic(SyntheticData.twoMoons(size(limit, 1000), 0.2, seed), testFraction, seed);
                break;
            }
            case "spirals": {
                td = new TrainData(d, Task.CLASSIFICATION, 2, 3, new Defaults("64,64,3", "relu", "cross-entropy", "adam", 0.01, 60, 32));
                td.splitSynthetic(SyntheticData.spirals(size(limit, 1500), 3, 0.2, seed), testFraction, seed);
                break;
            }
            case "linear": {
                td = new TrainData(d, Task.REGRESSION, 1, 1, new Defaults("1", "identity", "mse", "sgd", 0.1, 40, 32));
                td.splitSynthetic(SyntheticData.linear(size(limit, 500), 2.0, 1.0, 0.1, seed), testFraction, seed);
                break;
            }
            case "mnist": case "fashion-mnist": {
                td = new TrainData(d, Task.CLASSIFICATION, 784, 10, new Defaults("256,128,10", "relu", "cross-entropy", "adam", 1e-3, 10, 128));
                Path dir = dataDir != null ? dataDir
                        : (d.equals("mnist") ? SharedData.mnist() : SharedData.fashionMnist()).orElse(Path.of("data", d));
                if (download) new Download().fetch(d.equals("mnist") ? Download.MNIST : Download.FASHION_MNIST, dir);
                if (!Mnist.isPresent(dir)) throw new IOException(missingMessage(d, dir));
                td.train = Mnist.load(dir, true, limit > 0 ? limit : Integer.MAX_VALUE);
                td.test = Mnist.load(dir, false, limit > 0 ? Math.max(1, limit / 6) : Integer.MAX_VALUE);
                return td; // pixels are already in [0, 1]
            }
            case "iris": {
                Path csv = csvFile(d, dataDir, SharedData.iris(), "iris.csv");
                CsvDataset all = target != null ? CsvDataset.load(csv, CsvDataset.options().target(target).task(CsvDataset.Task.CLASSIFICATION)) : Iris.load(csv);
                int classes = all.classNames().size();
                td = new TrainData(d, Task.CLASSIFICATION, all.featureShape()[0], classes, new Defaults("16," + classes, "relu", "cross-entropy", "adam", 0.01, 100, 16));
                td.splitSynthetic(all.tensors(), testFraction, seed);
                break;
            }
            case "california-housing": {
                Path csv = csvFile(d, dataDir, SharedData.californiaHousing(), "housing.csv");
                CsvDataset all = CaliforniaHousing.load(csv, target, CsvDataset.Missing.MEDIAN);
                td = new TrainData(d, Task.REGRESSION, all.featureShape()[0], 1, new Defaults("64,64,1", "relu", "mse", "adam", 1e-3, 30, 64));
                td.splitSynthetic(all.tensors(), testFraction, seed);
                break;
            }
            default: {
                Path csv = Path.of(dataset.substring(4));
                if (dataset.length() == 4) throw new UsageException("--dataset csv:PATH needs a path, e.g. csv:data/houses.csv");
                if (target == null) throw new UsageException("--dataset " + dataset + " needs --target COLUMN (the column to predict)");
                CsvDataset all = CsvDataset.load(csv, CsvDataset.options().target(target));
                boolean cls = all.task() == CsvDataset.Task.CLASSIFICATION;
                int outs = cls ? all.classNames().size() : 1;
                td = new TrainData("csv:" + csv, cls ? Task.CLASSIFICATION : Task.REGRESSION, all.featureShape()[0], outs,
                        cls ? new Defaults("64," + outs, "relu", "cross-entropy", "adam", 1e-3, 30, 32) : new Defaults("64,1", "relu", "mse", "adam", 1e-3, 30, 32));
                td.splitSynthetic(all.tensors(), testFraction, seed);
                break;
            }
        }
        return td;
    }

    private static int size(int limit, int dflt) { return limit > 0 ? limit : dflt; }

    /** The CSV of a named data set: in --data-dir (a file or a directory holding {@code file}), else the shared data. */
    private static Path csvFile(String name, Path dataDir, java.util.Optional<Path> shared, String file) throws IOException {
        Path p = dataDir != null ? (Files.isDirectory(dataDir) ? dataDir.resolve(file) : dataDir) : shared.orElse(null);
        if (p == null || !Files.isRegularFile(p)) {
            throw new java.nio.file.NoSuchFileException(p == null ? "../shared/data/" + file : p.toString(), null,
                    name + " CSV not found; pass --data-dir FILE_OR_DIR (a CSV with a header" + (name.equals("iris") ? ", label column species" : ", target median_house_value or MedHouseVal") + ")");
        }
        return p;
    }

    static String missingMessage(String name, Path dir) {
        StringBuilder sb = new StringBuilder(name + " not found in " + dir + ": looked for ");
        List<String> files = new ArrayList<>();
        for (String f : Mnist.FILES) files.add(f + "[.gz]");
        sb.append(String.join(", ", files));
        sb.append(". Fetch them with --download (into --data-dir, default ").append(dir).append("), or point --data-dir at a directory holding them.");
        return sb.toString();
    }

    private void splitSynthetic(TensorDataset all, double testFraction, long seed) {
        Datasets.Split s = Datasets.split(all, 1 - testFraction, seed);
        standardise(s.train(), s.validation());
    }

    /** Fits a standard scaler on {@code tr} and stores both parts transformed. */
    private void standardise(Dataset tr, Dataset te) {
        StandardScaler sc = new StandardScaler();
        sc.fit(tr);
        shift = sc.shift();
        scale = sc.scale();
        train = sc.transform(tr);
        test = sc.transform(te);
    }

    /** Applies a saved standardisation (x − shift)·scale to features (N, D). */
    static Tensor applyScaling(Tensor x, double[] shift, double[] scale) {
        if (shift == null) return x;
        int n = x.size(0), dcols = x.size(1);
        double[] v = x.toDoubleArray();
        for (int i = 0; i < n; i++) for (int j = 0; j < dcols; j++) v[i * dcols + j] = (v[i * dcols + j] - shift[j]) * scale[j];
        return Tensor.fromArray(v, n, dcols).to(x.dtype());
    }
}
