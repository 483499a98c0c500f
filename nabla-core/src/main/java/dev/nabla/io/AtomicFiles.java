package dev.nabla.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader (or a crash) sees either the old content or the complete new one,
 * never a half-written file: the body goes to a temporary file in the target's directory, which is
 * flushed and forced to disk ({@link FileChannel#force}), then renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}. Every writer in Nabla goes through this class. The
 * temporary is named {@code .<name>.<pid>.<random>.tmp}; a writer killed mid-write leaves it behind,
 * and the next write of the same file removes it once that process is gone, so temporaries do not
 * pile up.
 *
 * <pre>{@code
 * AtomicFiles.write(path, out -> out.write(bytes));
 * AtomicFiles.writeString(path, json);
 * }</pre>
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Writes {@code target} atomically with what {@code body} writes to the given stream. The stream
     * must not be closed by the body. On any failure the temporary file is removed and the target
     * is left untouched.
     */
    public static void write(Path target, IoConsumer<OutputStream> body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        removeStaleTemps(abs);
        Path tmp = tempSibling(abs);
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream raw = Channels.newOutputStream(ch);
                BufferedOutputStream out = new BufferedOutputStream(new NonClosing(raw), 1 << 16);
                body.accept(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Same directory, so this is rare (some network file systems); fall back to a plain replace.
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            syncDirectory(dir);
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Renames an already complete file {@code source} over {@code target} atomically after forcing
     * it to disk (used by downloads that verify a {@code .part} file before publishing it).
     */
    public static void publish(Path source, Path target) throws IOException {
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    private static Path tempSibling(Path abs) {
        String name = abs.getFileName().toString();
        long r = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        return abs.resolveSibling("." + name + "." + PID + "." + Long.toString(r, 36) + ".tmp");
    }

    private static final long PID = ProcessHandle.current().pid();

    /**
     * Removes the temporary siblings of {@code abs} left by writers that were killed mid-write (a SIGKILL
     * or power loss skips every {@code finally}): those whose process id, recorded in the name, no longer
     * runs. Temporaries of live processes (this one included) are in flight and kept, so at most one
     * temporary per concurrent writer exists next to a file.
     */
    private static void removeStaleTemps(Path abs) {
        Path dir = abs.getParent();
        if (dir == null) return;
        String prefix = "." + abs.getFileName() + ".";
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp");
        })) {
            for (Path t : ds) {
                String[] parts = t.getFileName().toString().substring(prefix.length()).split("\\.");
                if (parts.length != 3) continue; // not ours: <pid>.<random>.tmp
                long pid;
                try {
                    pid = Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != PID && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) Files.deleteIfExists(t);
            }
        } catch (IOException | SecurityException e) {
            // best effort: a leftover temporary wastes space but never replaces the target
        }
    }

    /** Best effort: makes the rename itself durable (not supported on every OS). */
    private static void syncDirectory(Path dir) {
        if (dir == null) return;
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows and some file systems cannot open or sync a directory; the data itself is already forced.
        }
    }

    /** Keeps a body from closing the channel before it is forced. */
    private static final class NonClosing extends OutputStream {
        private final OutputStream out;

        NonClosing(OutputStream out) { this.out = out; }

        @Override public void write(int b) throws IOException { out.write(b); }

        @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }

        @Override public void flush() throws IOException { out.flush(); }

        @Override public void close() throws IOException { out.flush(); }
    }
}
