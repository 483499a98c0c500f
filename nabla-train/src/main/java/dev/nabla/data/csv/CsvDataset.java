package dev.nabla.data.csv;

import dev.nabla.data.Batch;
import dev.nabla.data.Dataset;
import dev.nabla.data.TensorDataset;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A tabular dataset read from a CSV file with a header row: numeric columns become features as they
 * are, text columns become one-hot features ({@code "column=value"}, categories sorted), and one
 * column chosen by name is the target — a regression value of shape (N, 1) or a class label of
 * shape (N,) (text targets are mapped to class indices in sorted order).
 *
 * <p>A column is numeric when most of its non-missing values parse as finite numbers; the other
 * values in it are then reported as errors (declare the column {@link Options#categorical
 * categorical} to one-hot it instead). Missing values (empty, {@code NA}, {@code N/A}, {@code NaN},
 * {@code null}, {@code ?}) are errors unless {@link Options#missing} says how to impute them; ragged
 * rows are errors. Every error is a {@link CsvFormatException} naming the file, line and column.
 *
 * <pre>{@code
 * CsvDataset d = CsvDataset.load(path, CsvDataset.options().target("price").missing(Missing.MEDIAN));
 * }</pre>
 *
 * Imputation statistics are computed over the whole file; for a strict train/validation protocol
 * impute and scale with statistics of the training part only.
 */
public final class CsvDataset implements Dataset {
    /** What to do with a missing feature value. Text columns use the most frequent category for MEAN and MEDIAN, all zeros for ZERO. */
    public enum Missing { ERROR, MEAN, MEDIAN, ZERO }

    /** How to read the target: by its content (text → classes, numbers → regression), or forced. */
    public enum Task { AUTO, REGRESSION, CLASSIFICATION }

    /** Options for {@link #load}; all setters return this. */
    public static final class Options {
        private String target;
        private Task task = Task.AUTO;
        private Missing missing = Missing.ERROR;
        private char delimiter = ',';
        private final Set<String> drop = new LinkedHashSet<>();
        private final Set<String> categorical = new LinkedHashSet<>();
        private Set<String> missingTokens = new LinkedHashSet<>(List.of("", "na", "n/a", "nan", "null", "?"));
        private double targetScale = 1;

        /** The target column's name (required unless the dataset has no target: then leave it null). */
        public Options target(String column) {
            this.target = column;
            return this;
        }

        /** Regression, classification or decide from the target's content (default). */
        public Options task(Task task) {
            this.task = task;
            return this;
        }

        /** How to handle missing feature values (default: report them as errors). */
        public Options missing(Missing missing) {
            this.missing = missing;
            return this;
        }

        /** Field separator (default ','). */
        public Options delimiter(char delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        /** Columns to ignore (e.g. an id column). */
        public Options drop(String... columns) {
            drop.addAll(Arrays.asList(columns));
            return this;
        }

        /** Columns to one-hot even if their values are numbers (e.g. a zip code). */
        public Options categorical(String... columns) {
            categorical.addAll(Arrays.asList(columns));
            return this;
        }

        /** The (case-insensitive) spellings of a missing value. */
        public Options missingTokens(String... tokens) {
            missingTokens = new LinkedHashSet<>();
            for (String t : tokens) missingTokens.add(t.trim().toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * Multiplies a regression target by {@code factor} as it is read (default 1), e.g. 1e-5 to read dollars
         * as hundreds of thousands of dollars: a target in single digits trains with the usual learning rates.
         */
        public Options targetScale(double factor) {
            if (!(factor > 0) || Double.isInfinite(factor)) throw new IllegalArgumentException("targetScale must be positive and finite, got " + factor);
            this.targetScale = factor;
            return this;
        }

        String target() { return target; }
    }

    /** New default options. */
    public static Options options() { return new Options(); }

    private final TensorDataset data;
    private final List<String> featureNames;
    private final String targetName;
    private final List<String> classNames;
    private final Task task;
    private final Map<String, Integer> imputed;

    private CsvDataset(TensorDataset data, List<String> featureNames, String targetName, List<String> classNames, Task task,
            Map<String, Integer> imputed) {
        this.data = data;
        this.featureNames = List.copyOf(featureNames);
        this.targetName = targetName;
        this.classNames = List.copyOf(classNames);
        this.task = task;
        this.imputed = Collections.unmodifiableMap(imputed);
    }

    /** Loads {@code file} as described in the class comment. */
    public static CsvDataset load(Path file, Options opt) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "CSV file not found");
        CSVFormat fmt = CSVFormat.DEFAULT.builder().setDelimiter(opt.delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).build();
        List<String> header;
        List<String[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser p = fmt.parse(r)) {
            header = new ArrayList<>(p.getHeaderNames());
            if (header.isEmpty()) throw new CsvFormatException(file, 1, null, "no header row");
            Set<String> seen = new java.util.HashSet<>();
            for (String h : header) if (!seen.add(h)) throw new CsvFormatException(file, 1, h, "duplicate column name");
            long lineAfterPrev = p.getCurrentLineNumber();
            for (CSVRecord rec : p) {
                long line = lineAfterPrev + 1;
                lineAfterPrev = p.getCurrentLineNumber();
                if (rec.size() != header.size()) {
                    throw new CsvFormatException(file, line, null, "row has " + rec.size() + " fields but the header has " + header.size()
                            + " (ragged row)");
                }
                rows.add(rec.values());
                lines.add(line);
            }
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            if (e instanceof java.io.UncheckedIOException && !(e.getCause() instanceof IOException)) throw e;
            throw new CsvFormatException(file, -1, null, "unreadable CSV: " + e.getMessage());
        } catch (org.apache.commons.csv.CSVException | java.nio.charset.CharacterCodingException e) {
            // thrown directly (not wrapped) while the parser reads the header: bad quoting, or bytes that are not UTF-8
            throw new CsvFormatException(file, -1, null, "unreadable CSV: " + e);
        }
        if (rows.isEmpty()) throw new CsvFormatException(file, 2, null, "no data rows after the header");
        for (String c : opt.drop) if (!header.contains(c)) throw new CsvFormatException(file, 1, c, "column to drop not found; columns are " + header);
        for (String c : opt.categorical) if (!header.contains(c)) throw new CsvFormatException(file, 1, c, "categorical column not found; columns are " + header);
        int targetCol = -1;
        if (opt.target != null) {
            targetCol = header.indexOf(opt.target);
            if (targetCol < 0) throw new CsvFormatException(file, 1, opt.target, "target column not found; columns are " + header);
        }
        int n = rows.size();

        // ---- features
        List<String> names = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        Map<String, Integer> imputedCounts = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String col = header.get(c);
            if (c == targetCol || opt.drop.contains(col)) continue;
            boolean text = opt.categorical.contains(col) || !isNumeric(rows, c, opt);
            int missingCount = 0;
            if (!text) {
                double[] v = new double[n];
                boolean[] miss = new boolean[n];
                for (int i = 0; i < n; i++) {
                    String s = rows.get(i)[c];
                    if (isMissing(s, opt)) {
                        if (opt.missing == Missing.ERROR) throw missingError(file, lines.get(i), col);
                        miss[i] = true;
                        missingCount++;
                        continue;
                    }
                    Double d = parse(s);
                    if (d == null) {
                        throw new CsvFormatException(file, lines.get(i), col, "non-numeric value '" + s + "' in a numeric column"
                                + " (declare it with Options.categorical(\"" + col + "\") to one-hot it)");
                    }
                    v[i] = d;
                }
                if (missingCount > 0) {
                    if (missingCount == n) throw new CsvFormatException(file, -1, col, "every value is missing; nothing to impute from (drop the column)");
                    double fill = fillValue(v, miss, opt.missing);
                    for (int i = 0; i < n; i++) if (miss[i]) v[i] = fill;
                    imputedCounts.put(col, missingCount);
                }
                names.add(col);
                columns.add(v);
            } else {
                TreeMap<String, Integer> counts = new TreeMap<>();
                for (int i = 0; i < n; i++) {
                    String s = rows.get(i)[c];
                    if (isMissing(s, opt)) {
                        if (opt.missing == Missing.ERROR) throw missingError(file, lines.get(i), col);
                        missingCount++;
                    } else {
                        counts.merge(s, 1, Integer::sum);
                    }
                }
                if (counts.isEmpty()) throw new CsvFormatException(file, -1, col, "every value is missing (drop the column)");
                String mode = null;
                for (Map.Entry<String, Integer> e : counts.entrySet()) if (mode == null || e.getValue() > counts.get(mode)) mode = e.getKey();
                List<String> cats = new ArrayList<>(counts.keySet());
                Map<String, Integer> index = new HashMap<>();
                for (int k = 0; k < cats.size(); k++) {
                    index.put(cats.get(k), k);
                    names.add(col + "=" + cats.get(k));
                    columns.add(new double[n]);
                }
                int base = columns.size() - cats.size();
                for (int i = 0; i < n; i++) {
                    String s = rows.get(i)[c];
                    if (isMissing(s, opt)) {
                        if (opt.missing == Missing.ZERO) continue;
                        s = mode;
                    }
                    columns.get(base + index.get(s))[i] = 1;
                }
                if (missingCount > 0) imputedCounts.put(col, missingCount);
            }
        }
        int d = columns.size();
        if ((long) n * d > Integer.MAX_VALUE) {
            throw new CsvFormatException(file, -1, null, n + " rows × " + d + " features (after one-hot encoding) exceed one array of 2^31-1 values;"
                    + " drop high-cardinality text columns");
        }
        float[] x = new float[n * d];
        for (int j = 0; j < d; j++) {
            double[] col = columns.get(j);
            for (int i = 0; i < n; i++) x[i * d + j] = (float) col[i];
        }

        // ---- target
        if (targetCol < 0) {
            return new CsvDataset(TensorDataset.wrap(n, new int[] {d}, x, null, null), names, null, List.of(), Task.AUTO, imputedCounts);
        }
        String tname = header.get(targetCol);
        double[] tv = new double[n];
        String[] ts = new String[n];
        boolean allNumeric = true;
        for (int i = 0; i < n; i++) {
            String s = rows.get(i)[targetCol];
            if (isMissing(s, opt)) throw new CsvFormatException(file, lines.get(i), tname, "missing target value (targets are never imputed)");
            ts[i] = s;
            Double v = parse(s);
            if (v == null) allNumeric = false;
            else tv[i] = v;
        }
        Task task = opt.task == Task.AUTO ? (allNumeric ? Task.REGRESSION : Task.CLASSIFICATION) : opt.task;
        if (task == Task.REGRESSION) {
            if (!allNumeric) {
                for (int i = 0; i < n; i++) {
                    if (parse(ts[i]) == null) throw new CsvFormatException(file, lines.get(i), tname, "non-numeric regression target '" + ts[i] + "'");
                }
            }
            float[] y = new float[n];
            for (int i = 0; i < n; i++) y[i] = (float) (tv[i] * opt.targetScale);
            return new CsvDataset(TensorDataset.wrap(n, new int[] {d}, x, new int[] {1}, y), names, tname, List.of(), task, imputedCounts);
        }
        // classification: classes sorted numerically when all numbers, else as strings
        Map<String, Integer> classIndex = new LinkedHashMap<>();
        List<String> classes;
        if (allNumeric) {
            TreeMap<Double, String> byValue = new TreeMap<>();
            for (int i = 0; i < n; i++) byValue.putIfAbsent(tv[i], ts[i]);
            classes = new ArrayList<>();
            Map<Double, Integer> vi = new HashMap<>();
            for (Map.Entry<Double, String> e : byValue.entrySet()) {
                vi.put(e.getKey(), classes.size());
                classes.add(e.getValue());
            }
            float[] y = new float[n];
            for (int i = 0; i < n; i++) y[i] = vi.get(tv[i]);
            return new CsvDataset(TensorDataset.wrap(n, new int[] {d}, x, new int[0], y), names, tname, classes, task, imputedCounts);
        }
        classes = new ArrayList<>(new TreeSet<>(Arrays.asList(ts)));
        for (int k = 0; k < classes.size(); k++) classIndex.put(classes.get(k), k);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) y[i] = classIndex.get(ts[i]);
        return new CsvDataset(TensorDataset.wrap(n, new int[] {d}, x, new int[0], y), names, tname, classes, task, imputedCounts);
    }

    private static CsvFormatException missingError(Path file, long line, String col) {
        return new CsvFormatException(file, line, col, "missing value (choose an imputation with Options.missing(MEAN | MEDIAN | ZERO), or fix the file)");
    }

    private static boolean isMissing(String s, Options opt) {
        return s == null || opt.missingTokens.contains(s.trim().toLowerCase(Locale.ROOT));
    }

    /** A finite number, or null. */
    static Double parse(String s) {
        String t = s.trim();
        if (t.isEmpty()) return null;
        char c = t.charAt(t.length() - 1);
        if (Character.isLetter(c) && c != 'e' && c != 'E') return null; // rejects "1d", "2f", "Infinity"
        try {
            double v = Double.parseDouble(t);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Numeric when more than half of the non-missing values parse (and at least one does). */
    private static boolean isNumeric(List<String[]> rows, int c, Options opt) {
        int ok = 0;
        int total = 0;
        for (String[] r : rows) {
            if (isMissing(r[c], opt)) continue;
            total++;
            if (parse(r[c]) != null) ok++;
        }
        return ok > 0 && ok * 2 > total;
    }

    private static double fillValue(double[] v, boolean[] miss, Missing how) {
        if (how == Missing.ZERO) return 0;
        double[] present = new double[v.length];
        int k = 0;
        for (int i = 0; i < v.length; i++) if (!miss[i]) present[k++] = v[i];
        if (how == Missing.MEAN) {
            double s = 0;
            for (int i = 0; i < k; i++) s += present[i];
            return s / k;
        }
        double[] sorted = Arrays.copyOf(present, k);
        Arrays.sort(sorted);
        return k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
    }

    /** Names of the feature columns in order (one-hot columns as {@code "column=value"}). */
    public List<String> featureNames() { return featureNames; }

    /** The target column's name, or null. */
    public String targetName() { return targetName; }

    /** Class names by class index (empty for regression). */
    public List<String> classNames() { return classNames; }

    /** Whether the target was read as regression or classification. */
    public Task task() { return task; }

    /** How many values were imputed per column (empty when none were missing). */
    public Map<String, Integer> imputedCounts() { return imputed; }

    /** The underlying in-memory dataset. */
    public TensorDataset tensors() { return data; }

    @Override public int size() { return data.size(); }

    @Override public int[] featureShape() { return data.featureShape(); }

    @Override public int[] targetShape() { return data.targetShape(); }

    @Override public Batch batch(int[] indices, int from, int count) { return data.batch(indices, from, count); }

    @Override public String toString() {
        return "CsvDataset(" + size() + " rows, " + featureNames.size() + " features"
                + (targetName == null ? "" : ", target '" + targetName + "' " + task.name().toLowerCase(Locale.ROOT)
                        + (classNames.isEmpty() ? "" : " " + classNames)) + ")";
    }
}
