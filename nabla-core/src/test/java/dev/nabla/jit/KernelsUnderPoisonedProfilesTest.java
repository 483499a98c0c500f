package dev.nabla.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Vector API kernels stay intrinsified (no boxed vectors) even when the JVM's shared type profiles of the
 * Vector API are poisoned, the cause of the "broken" benchmark runs (a GEMM at 5 GFLOP/s for a whole JVM; see
 * {@code ExactVectors}). A child JVM ({@link PoisonedProfileMain}) poisons the profiles, then runs every kernel
 * until C2 compiles it, with C2's {@code PrintIntrinsics} on for Nabla's kernels. The check reads C2's own log:
 * not one intrinsic may fail ("failed to inline (intrinsic)" / "missing constant"). Checked against mutants: the
 * kernels before the exact-class casts give 334 failures; removing only {@code kernel14}'s 28 casts gives 4 to 6.
 * No timing is involved.
 */
class KernelsUnderPoisonedProfilesTest {
    @TempDir Path dir;

    @Test
    void noVectorIntrinsicFailsAfterProfilePoisoning() throws IOException, InterruptedException {
        String vm = System.getProperty("java.vm.name", "");
        assumeTrue(vm.contains("HotSpot") || vm.contains("OpenJDK"), "needs HotSpot's C2 diagnostics, not " + vm);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx1g",
                "-Xbatch", // compile in the foreground: the same compile order, hence the same profiles, every run
                "-XX:+UnlockDiagnosticVMOptions", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=dontinline,dev.nabla.jit.PoisonedProfileMain::poke*",
                "-XX:CompileCommand=PrintIntrinsics,dev.nabla.tensor.*::*",
                "-XX:CompileCommand=PrintIntrinsics,dev.nabla.jit.PoisonedProfileMain::gemms",
                "-XX:CompileCommand=PrintIntrinsics,dev.nabla.jit.PoisonedProfileMain::elementwise",
                "-XX:+PrintCompilation",
                "-cp", System.getProperty("java.class.path"), PoisonedProfileMain.class.getName(), "6")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish in 120 s");
        }
        List<String> lines = Files.readAllLines(dir.resolve("child.log"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> "child JVM failed:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        assumeFalse(lines.stream().anyMatch(l -> l.startsWith("SKIP")), "Vector API not in use in the child JVM");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("DONE")), "child JVM did not run its kernels");

        // not vacuous: C2 compiled the big kernels, and PrintIntrinsics reported on them
        for (String kernel : List.of("VectorGemmF32::kernel14 ", "VectorGemmF32::kernel8 ", "VectorGemmF64::kernel ",
                "VectorGemmF32::storeRows7 ", "VectorGemmF64::storeRows7 ")) {
            assertTrue(lines.stream().anyMatch(l -> l.matches("\\s*\\d+\\s+\\d+\\s+[%sbn! ]*4\\s+dev\\.nabla\\.tensor\\.kernel\\." + Pattern.quote(kernel) + ".*")),
                    "C2 never compiled " + kernel.trim() + " in the child JVM");
        }
        long storesIntrinsified = lines.stream().filter(l -> l.contains("VectorSupport::store (") && l.endsWith("(intrinsic)")).count();
        assertTrue(storesIntrinsified >= 100, "PrintIntrinsics reported only " + storesIntrinsified + " intrinsified vector stores");

        List<String> failures = lines.stream()
                .filter(l -> l.contains("failed to inline (intrinsic)") || l.contains("missing constant")).toList();
        assertTrue(failures.isEmpty(), () -> failures.size() + " Vector API intrinsics failed in Nabla's kernels after profile poisoning, e.g.\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
    }
}
