package dev.nabla.cli;

import static dev.nabla.cli.CliRun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command answers bad input the same way: unknown options and bad values → a one-line message,
 * the usage, exit code 2; a runtime failure (a missing or corrupt file) → exit 1 and a message naming it;
 * never a stack trace without --verbose.
 */
class CliErrorsTest {
    /** Deleted after the class: the corrupt checkpoints below must not pile up in the system temp directory. */
    @TempDir static Path dir;

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of((Object) new String[] {"--no-such-option"}),
                Arguments.of((Object) new String[] {"no-such-command"}),
                Arguments.of((Object) new String[] {"demo", "--epochs", "many"}),
                Arguments.of((Object) new String[] {"walkthrough", "--activation", "swish"}),
                Arguments.of((Object) new String[] {"walkthrough", "--steps", "-1"}),
                Arguments.of((Object) new String[] {"exercise", "9"}),
                Arguments.of((Object) new String[] {"explain", "--layers", "2,x,1"}),
                Arguments.of((Object) new String[] {"graph", "--output", "g.jpg"}),
                Arguments.of((Object) new String[] {"gradcheck", "--loss", "hinge"}),
                Arguments.of((Object) new String[] {"diagnose", "everything"}),
                Arguments.of((Object) new String[] {"train", "--dataset", "moons", "--lr", "-1"}),
                Arguments.of((Object) new String[] {"train", "--dataset", "imagenet"}),
                Arguments.of((Object) new String[] {"train", "--dataset", "moons", "--optimizer", "lbfgs"}),
                Arguments.of((Object) new String[] {"evaluate"}),
                Arguments.of((Object) new String[] {"predict", "--checkpoint"}),
                Arguments.of((Object) new String[] {"lr-sweep", "--dataset", "moons", "--lrs", "0.1,abc"}),
                Arguments.of((Object) new String[] {"bench", "--shapes", "12x12"}));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void badArgumentsGiveUsageAndExitCode2(String[] args) {
        CliRun o = run(args);
        assertEquals(2, o.code(), String.join(" ", args) + "\n" + o.err());
        assertTrue(o.err().contains("Usage:"), "usage expected for " + String.join(" ", args) + ":\n" + o.err());
        assertFalse(o.err().contains("\tat ") || o.err().contains("Exception"), "no stack trace:\n" + o.err());
    }

    @ParameterizedTest
    @MethodSource("runtimeFailures")
    void runtimeFailuresExitWith1AndNameTheFile(String[] args, String mentioned) {
        CliRun o = run(args);
        assertEquals(1, o.code(), String.join(" ", args) + "\n" + o.err());
        assertTrue(o.err().contains(mentioned), "message should mention " + mentioned + ":\n" + o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace:\n" + o.err());
    }

    static Stream<Arguments> runtimeFailures() throws Exception {
        Path bad = dir.resolve("broken.safetensors");
        Files.write(bad, new byte[] {1, 2, 3});
        return Stream.of(
                Arguments.of(new String[] {"train", "--dataset", "mnist", "--data-dir", dir.resolve("nothing-here").toString(), "--out", dir.resolve("o").toString()}, "--download"),
                Arguments.of(new String[] {"evaluate", "--checkpoint", bad.toString(), "--dataset", "moons"}, "broken.safetensors"),
                Arguments.of(new String[] {"predict", "--checkpoint", bad.toString(), "--input", bad.toString()}, "broken.safetensors"));
    }

    @org.junit.jupiter.api.Test
    void verboseShowsTheStackTrace() throws Exception {
        Path bad = dir.resolve("broken-verbose.safetensors");
        Files.write(bad, new byte[] {1, 2, 3});
        CliRun o = run("--verbose", "evaluate", "--checkpoint", bad.toString(), "--dataset", "moons");
        assertEquals(1, o.code());
        assertTrue(o.err().contains("\tat "), o.err());
    }
}
