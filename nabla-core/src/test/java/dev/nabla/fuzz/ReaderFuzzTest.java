package dev.nabla.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nabla.data.Idx;
import dev.nabla.io.FormatException;
import dev.nabla.io.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes the IDX and safetensors readers (Jazzer): on any bytes they may only return normally or throw
 * a {@link FormatException} whose message names the file — never an OutOfMemoryError, an index or
 * arithmetic exception, a bare {@link IOException} (e.g. the EOFException of a truncated gzip header), or a
 * hang. Without JAZZER_FUZZ=1 the tests replay the seed and regression inputs under
 * src/test/resources/dev/nabla/fuzz/ReaderFuzzTestInputs/; with it they fuzz for maxDuration. The
 * regular build runs {@code idx} and {@code safetensors} in fuzzing mode for 20 s each (surefire
 * executions in nabla-core/pom.xml); {@code mvn -P fuzz-long ...} fuzzes the *Long variants for 10 min.
 */
class ReaderFuzzTest {

    private static Path write(String suffix, byte[] data) throws IOException {
        Path f = Files.createTempFile("nabla-fuzz", suffix);
        Files.write(f, data);
        return f;
    }

    /** A documented failure must say which file (and, from the reader, where in it). */
    static void namesFile(FormatException e, Path f) {
        if (!e.getMessage().contains(f.toString())) throw new AssertionError("error does not name the file: " + e.getMessage(), e);
    }

    @FuzzTest(maxDuration = "20s")
    void idx(byte[] data) throws IOException {
        Path f = write(".idx", data);
        try {
            Idx.read(f);
        } catch (FormatException expected) {
            namesFile(expected, f); // IdxFormatException: file + byte offset
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void idxLong(byte[] data) throws IOException { idx(data); }

    @FuzzTest(maxDuration = "10m")
    void safetensorsLong(byte[] data) throws IOException { safetensors(data); }

    @FuzzTest(maxDuration = "20s")
    void safetensors(byte[] data) throws IOException {
        Path f = write(".safetensors", data);
        try {
            Safetensors.load(f);
        } catch (FormatException expected) {
            namesFile(expected, f); // SafetensorsFormatException: file + byte offset
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
