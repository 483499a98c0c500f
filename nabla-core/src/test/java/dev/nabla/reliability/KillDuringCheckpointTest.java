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
 * complete version (every value equal to the version in its metadata), and the temporary files of killed
 * writers do not accumulate (the next write removes them).
 */
class KillDuringCheckpointTest {
    @TempDir Path dir;

    @Test
    void checkpointOnDiskIsAlwaysCompleteAfterSigkill() throws Exception {
        // 30 kills in about 20 s (JVM start + first write + a random 0-300 ms of writing); 100 with -Dnabla.long=true
        int rounds = Boolean.getBoolean("nabla.long") ? 100 : 30;
        long budgetNanos = (Boolean.getBoolean("nabla.long") ? 300L : 25L) * 1_000_000_000L;
        long start = System.nanoTime();
        Path file = dir.resolve("model.safetensors");
        SplittableRandom rnd = new SplittableRandom(2026);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Integer> versionsSeen = new ArrayList<>();
        for (int round = 0; round < rounds && (round < 10 || System.nanoTime() - start < budgetNanos); round++) {
            Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), CheckpointWriterMain.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null && !line.contains("first version written")) { /* JVM warnings */ }
                Thread.sleep(rnd.nextInt(0, 300));
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
                // at most the one in flight when this writer was killed: the next writer removes a dead one's
                List<Path> others = s.filter(x -> !x.equals(file)).toList();
                assertTrue(others.size() <= 1, "temporary files pile up after round " + round + ": " + others);
            }
        }
        assertTrue(versionsSeen.stream().anyMatch(v -> v > 1), "the writer never got past version 1: " + versionsSeen);
    }

    @Test
    void aWriteRemovesTemporariesOfDeadWritersOnly() throws Exception {
        Path file = dir.resolve("w.bin");
        Process dead = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version").start();
        dead.waitFor();
        Path stale = dir.resolve(".w.bin." + dead.pid() + ".abc.tmp");
        Path live = dir.resolve(".w.bin." + ProcessHandle.current().pid() + ".def.tmp"); // another thread's write in flight
        Path foreign = dir.resolve(".w.bin.notapid.tmp");
        for (Path p : List.of(stale, live, foreign)) Files.write(p, new byte[] {1});
        dev.nabla.io.AtomicFiles.writeString(file, "x");
        assertTrue(Files.notExists(stale), "the dead writer's temporary was not removed");
        assertTrue(Files.exists(live) && Files.exists(foreign), "a live or foreign file was removed");
        assertEquals("x", Files.readString(file));
    }
}
