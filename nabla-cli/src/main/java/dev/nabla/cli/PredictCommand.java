package dev.nabla.cli;

import dev.nabla.Tensor;
import dev.nabla.io.AtomicFiles;
import dev.nabla.train.Task;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nabla predict}: a checkpoint's outputs for the rows of a CSV file. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict with a checkpoint written by `nabla train`, for every row of a CSV file.", "The CSV holds raw (unscaled) features:",
                "one numeric column per network input, an optional header line. Classification prints the class and the",
                "probability of each class; regression prints the value(s). The training run's standardisation is applied."},
        footer = {"", "Example:", "  nabla predict --checkpoint runs/moons/model.safetensors --input points.csv"})
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "A model.safetensors or best.safetensors from `nabla train`.")
    Path checkpoint;

    @Option(names = "--input", required = true, paramLabel = "CSV", description = "Rows of features.")
    Path input;

    @Option(names = "--output", paramLabel = "CSV", description = "Write the predictions here (atomically) instead of standard output.")
    Path output;

    @Option(names = "--json", description = "Print the predictions as JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override public Integer call() throws Exception {
        SavedModel sm = SavedModel.load(checkpoint);
        double[][] rows = read(input, sm.inputs());
        int n = rows.length, d = sm.inputs();
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) System.arraycopy(rows[i], 0, flat, i * d, d);
        Tensor out = sm.predict(Tensor.fromArray(flat, n, d).to(dev.nabla.DType.FLOAT32));
        int k = out.size(1);
        double[] o = out.toDoubleArray();
        List<String> header = new ArrayList<>();
        List<List<Object>> table = new ArrayList<>();
        if (sm.task == Task.CLASSIFICATION) {
            header.add("class");
            for (int j = 0; j < k; j++) header.add("p" + j);
            double[] p = out.softmax(1).toDoubleArray();
            for (int i = 0; i < n; i++) {
                List<Object> r = new ArrayList<>();
                int best = 0;
                for (int j = 1; j < k; j++) if (o[i * k + j] > o[i * k + best]) best = j;
                r.add(best);
                for (int j = 0; j < k; j++) r.add(p[i * k + j]);
                table.add(r);
            }
        } else if (sm.task == Task.BINARY) {
            header.add("class");
            header.add("p1");
            for (int i = 0; i < n; i++) {
                double p1 = sm.lossName.equals("bce") ? o[i] : 1 / (1 + Math.exp(-o[i]));
                table.add(List.of(p1 > 0.5 ? 1 : 0, p1));
            }
        } else {
            for (int j = 0; j < k; j++) header.add(k == 1 ? "prediction" : "prediction" + j);
            for (int i = 0; i < n; i++) {
                List<Object> r = new ArrayList<>();
                for (int j = 0; j < k; j++) r.add(o[i * k + j]);
                table.add(r);
            }
        }
        var pw = spec.commandLine().getOut();
        if (json) {
            List<Object> js = new ArrayList<>();
            for (List<Object> r : table) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int j = 0; j < header.size(); j++) m.put(header.get(j), r.get(j));
                js.add(m);
            }
            pw.println(Json.write(js));
        } else {
            StringWriter w = new StringWriter();
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
                p.printRecord(header);
                for (List<Object> r : table) p.printRecord(r);
            }
            if (output != null) {
                AtomicFiles.writeString(output, w.toString());
                pw.println("wrote " + n + " predictions to " + output);
            } else pw.print(w);
        }
        pw.flush();
        return 0;
    }

    /** Reads numeric rows of exactly {@code width} columns; a non-numeric first line is a header. */
    static double[][] read(Path file, int width) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "input CSV not found");
        List<double[]> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build().parse(r)) {
            for (CSVRecord rec : p) {
                long line = rec.getRecordNumber();
                if (rec.size() != width) {
                    throw new IOException(file + ": line " + p.getCurrentLineNumber() + ": " + rec.size() + " columns, the network takes " + width + " inputs");
                }
                double[] v = new double[width];
                try {
                    for (int j = 0; j < width; j++) v[j] = Double.parseDouble(rec.get(j));
                } catch (NumberFormatException e) {
                    if (line == 1) continue; // header
                    throw new IOException(file + ": line " + p.getCurrentLineNumber() + ": not a number: " + e.getMessage());
                }
                rows.add(v);
            }
        }
        if (rows.isEmpty()) throw new IOException(file + ": no rows of features");
        return rows.toArray(new double[0][]);
    }
}
