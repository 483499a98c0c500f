package dev.nabla.io;

import java.nio.file.Path;

/** A safetensors file that breaks the format; the message names the file and the byte offset. */
public class SafetensorsFormatException extends FormatException {
    /** A problem at byte {@code offset} of {@code file}. */
    public SafetensorsFormatException(Path file, long offset, String detail) {
        super(file, offset, detail);
    }

    /** As above, with a cause. */
    public SafetensorsFormatException(Path file, long offset, String detail, Throwable cause) {
        super(file, offset, detail, cause);
    }
}
