package dev.nabla.train;

import dev.nabla.io.AtomicFiles;
import dev.nabla.io.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The record of a training run, one {@link Row} per epoch: epoch, train_loss, val_loss, the task's
 * metrics (train_accuracy, val_accuracy or val_mae, val_rmse, val_r2, ...), the learning rate used and
 * the epoch's wall time. Written as CSV (commons-csv; an empty cell where a value is missing or NaN)
 * and as JSON (an array of row objects, null where missing), both atomically.
 */
public final class History {
    /**
     * One epoch.
     *
     * @param epoch     1-based epoch number
     * @param trainLoss mean training loss per sample over the epoch's steps
     * @param valLoss   mean validation loss after the epoch (NaN without validation)
     * @param metrics   the task's metrics by column name ("train_accuracy", "val_rmse", ...)
     * @param lr        learning rate during the epoch
     * @param seconds   wall time of the epoch including validation
     */
    public record Row(int epoch, double trainLoss, double valLoss, Map<String, Double> metrics, double lr, double seconds) {
        public Row { metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics)); }

        /** A value by column name (epoch, train_loss, val_loss, lr, seconds or a metric); NaN if absent. */
        public double get(String column) {
            switch (column) {
                case "epoch": return epoch;
                case "train_loss": return trainLoss;
                case "val_loss": return valLoss;
                case "lr": return lr;
                case "seconds": return seconds;
                default: return metrics.getOrDefault(column, Double.NaN);
            }
        }
    }

    private final List<Row> rows = new ArrayList<>();

    public History() {}

    /** A history holding {@code rows} (e.g. read back from a checkpoint). */
    public History(List<Row> rows) { this.rows.addAll(rows); }

    public void add(Row row) { rows.add(row); }

    public List<Row> rows() { return Collections.unmodifiableList(rows); }

    public int size() { return rows.size(); }

    public boolean isEmpty() { return rows.isEmpty(); }

    /** The last row, or null. */
    public Row last() { return rows.isEmpty() ? null : rows.get(rows.size() - 1); }

    /** A column as an array, one value per epoch. */
    public double[] column(String name) { return rows.stream().mapToDouble(r -> r.get(name)).toArray(); }

    /** Column names in file order: epoch, train_loss, val_loss, metrics (first-seen order), lr, seconds. */
    public List<String> columns() {
        Set<String> metricNames = new LinkedHashSet<>();
        for (Row r : rows) metricNames.addAll(r.metrics().keySet());
        List<String> cols = new ArrayList<>(List.of("epoch", "train_loss", "val_loss"));
        cols.addAll(metricNames);
        cols.add("lr");
        cols.add("seconds");
        return cols;
    }

    /** The CSV text: a header line, then one line per epoch. */
    public String toCsv() {
        List<String> cols = columns();
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            p.printRecord(cols);
            for (Row r : rows) {
                List<String> cells = new ArrayList<>();
                for (String c : cols) cells.add(c.equals("epoch") ? Integer.toString(r.epoch()) : cell(r.get(c)));
                p.printRecord(cells);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    private static String cell(double v) { return Double.isFinite(v) ? Double.toString(v) : ""; }

    /** The rows as JSON objects (keys as the CSV columns; null for NaN or missing values). */
    public List<Map<String, Object>> toJsonRows() {
        List<String> cols = columns();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String c : cols) {
                if (c.equals("epoch")) m.put(c, r.epoch());
                else {
                    double v = r.get(c);
                    m.put(c, Double.isFinite(v) ? v : null);
                }
            }
            out.add(m);
        }
        return out;
    }

    /** The JSON text: an array of row objects. */
    public String toJson() { return Json.write(toJsonRows()); }

    /** Reads what {@link #toJson()} wrote. */
    public static History fromJson(String json) {
        Object parsed;
        try {
            parsed = Json.parse(json);
        } catch (Json.ParseException e) {
            throw new IllegalArgumentException("history: not valid JSON at character " + e.index() + ": " + e.getMessage(), e);
        }
        if (!(parsed instanceof List<?> list)) throw new IllegalArgumentException("history: expected a JSON array of rows");
        History h = new History();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) throw new IllegalArgumentException("history: expected row objects");
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (!List.of("epoch", "train_loss", "val_loss", "lr", "seconds").contains(k)) metrics.put(k, num(e.getValue()));
            }
            h.add(new Row((int) num(m.get("epoch")), num(m.get("train_loss")), num(m.get("val_loss")), metrics,
                    num(m.get("lr")), num(m.get("seconds"))));
        }
        return h;
    }

    private static double num(Object o) { return o instanceof Number n ? n.doubleValue() : Double.NaN; }

    /** Writes {@code base}.csv and {@code base}.json into {@code dir} atomically; returns the two paths. */
    public List<Path> write(Path dir, String base) throws IOException {
        Path csv = dir.resolve(base + ".csv"), json = dir.resolve(base + ".json");
        AtomicFiles.writeString(csv, toCsv());
        AtomicFiles.writeString(json, toJson() + "\n");
        return List.of(csv, json);
    }
}
