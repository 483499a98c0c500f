package dev.nabla.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import dev.nabla.io.Safetensors;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing half-written is ever left where a good file was: a separate JVM writes a checkpoint in a loop
 * and is killed with SIGKILL at random moments; after every kill the file on disk must load and be one
 * complete version (every value equal to the version in its metadata).
 */
class KillDuringCheckpointTest {
    @TempDir Path dir;

    @Test
    void checkpointOnDiskIsAlwaysCompleteAfterSigkill() throws Exception {
        int rounds = Boolean.getBoolean("nabla.long") ? 100 : 12;
        Path file = dir.resolve("model.safetensors");
        SplittableRandom rnd = new SplittableRandom(2026);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Integer> versionsSeen = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), CheckpointWriterMain.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null && !line.contains("first version written")) { /* JVM warnings */ }
                Thread.sleep(rnd.nextInt(5, 400));
                p.destroyForcibly(); // SIGKILL on Linux
                p.waitFor();
            }
            Safetensors.Loaded loaded = Safetensors.load(file); // must parse: never a torn file
            int version = Integer.parseInt(loaded.metadata().get("version"));
            Tensor w = loaded.tensors().get("0.weight"), b = loaded.tensors().get("0.bias");
            assertEquals(200_000, w.numel());
            for (float x : w.toFloatArray()) assertEquals(version, x, 0f, "weights of a mixed version");
            for (float x : b.toFloatArray()) assertEquals(version, x, 0f, "bias of a mixed version");
            versionsSeen.add(version);
            try (Stream<Path> s = Files.list(dir)) {
                long others = s.filter(x -> !x.equals(file)).count();
                assertTrue(others <= 1, "temporary files pile up: " + others); // at most the one in flight when killed
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path x : s.filter(x -> !x.equals(file)).toList()) Files.delete(x); // as a restart would
            }
        }
        assertTrue(versionsSeen.stream().anyMatch(v -> v > 1), "the writer never got past version 1: " + versionsSeen);
    }
}
