package dev.nabla.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file whose content does not follow its format. The message always names the file and, where
 * it is known, the byte offset at which the problem was found, e.g.
 * {@code "model.safetensors: byte 8: header is not valid JSON: ..."}.
 */
public class FormatException extends IOException {
    private final transient Path file;
    private final long offset;

    /** A problem at {@code offset} (bytes from the file's start; -1 if unknown) of {@code file}. */
    public FormatException(Path file, long offset, String detail) {
        this(file, offset, detail, null);
    }

    /** As {@link #FormatException(Path, long, String)} with a cause. */
    public FormatException(Path file, long offset, String detail, Throwable cause) {
        super(describe(file, offset) + detail, cause);
        this.file = file;
        this.offset = offset;
    }

    /** A problem described by a full message of the caller's own (for line/column based formats). */
    protected FormatException(String message, Path file, long offset, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.offset = offset;
    }

    private static String describe(Path file, long offset) {
        String f = file == null ? "<stream>" : file.toString();
        return offset >= 0 ? f + ": byte " + offset + ": " : f + ": ";
    }

    /** The file (may be null for a stream). */
    public Path file() { return file; }

    /** Byte offset of the problem in the file, or -1 when not applicable. */
    public long offset() { return offset; }
}
