package dev.nabla.data.csv;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/** Reads only the header row of a CSV file. */
final class CsvHeaders {
    private CsvHeaders() {}

    static List<String> read(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) throw new NoSuchFileException(csv.toString(), null, "CSV file not found");
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build().parse(r)) {
            return List.copyOf(p.getHeaderNames());
        }
    }
}
