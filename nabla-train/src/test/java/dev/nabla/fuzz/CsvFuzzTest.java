package dev.nabla.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nabla.data.csv.CsvDataset;
import dev.nabla.io.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes the CSV loader (Jazzer): on any bytes it may only return a data set or throw a FormatException
 * naming the file (CsvFormatException, with the line where one applies) — never a runtime exception or a hang. The bytes are
 * loaded twice: once with the last column as target, once with mean imputation and no target. The
 * regular build fuzzes {@code csv} for 20 s (nabla-train/pom.xml); {@code -P fuzz-long} fuzzes
 * {@code csvLong} for 10 min. Seeds and regression inputs: src/test/resources/dev/nabla/fuzz/CsvFuzzTestInputs/.
 */
class CsvFuzzTest {

    private static void namesFile(FormatException e, Path f) {
        if (!e.getMessage().contains(f.toString())) throw new AssertionError("error does not name the file: " + e.getMessage(), e);
    }

    @FuzzTest(maxDuration = "20s")
    void csv(byte[] data) throws IOException {
        Path f = Files.createTempFile("nabla-fuzz", ".csv");
        try {
            Files.write(f, data);
            String first = new String(data, java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElse("");
            String[] cols = first.split(",");
            String target = cols.length == 0 ? "" : cols[cols.length - 1].trim();
            try {
                CsvDataset.load(f, CsvDataset.options().target(target));
            } catch (FormatException expected) {
                namesFile(expected, f); // documented failure: CsvFormatException with file and line
            }
            try {
                CsvDataset.load(f, CsvDataset.options().missing(CsvDataset.Missing.MEAN));
            } catch (FormatException expected) {
                namesFile(expected, f);
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void csvLong(byte[] data) throws IOException { csv(data); }
}
