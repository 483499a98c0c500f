package dev.nabla.data.csv;

import dev.nabla.io.FormatException;
import java.nio.file.Path;

/**
 * A CSV file that cannot become a dataset: ragged row, non-numeric value in a numeric column,
 * missing value without an imputation option, unknown target column. The message names the file,
 * the line (1-based, the header is line 1) and the column where they apply.
 */
public class CsvFormatException extends FormatException {
    private final long line;
    private final String column;

    /** A problem at {@code line} (or -1) and {@code column} (or null) of {@code file}. */
    public CsvFormatException(Path file, long line, String column, String detail) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (column != null ? "column '" + column + "': " : "") + detail, file, -1, null);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line number, or -1 when the problem is not tied to a line. */
    public long line() { return line; }

    /** The column name, or null. */
    public String column() { return column; }
}
