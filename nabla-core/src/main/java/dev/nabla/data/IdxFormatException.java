package dev.nabla.data;

import dev.nabla.io.FormatException;
import java.nio.file.Path;

/** An IDX file (the MNIST format) that breaks the format; the message names the file and byte offset. */
public class IdxFormatException extends FormatException {
    /** A problem at byte {@code offset} (of the decompressed content for .gz files) of {@code file}. */
    public IdxFormatException(Path file, long offset, String detail) {
        super(file, offset, detail);
    }
}
