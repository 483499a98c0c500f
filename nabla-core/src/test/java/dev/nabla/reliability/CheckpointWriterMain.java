package dev.nabla.reliability;

import dev.nabla.Tensor;
import dev.nabla.io.Safetensors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Run in a separate JVM by {@link KillDuringCheckpointTest}: writes checkpoint version 1, 2, 3, ... to
 * the same file in a loop. Version v holds 200 000 floats all equal to v (and its number in the
 * metadata), so any file on disk can be checked for completeness.
 */
public final class CheckpointWriterMain {
    private CheckpointWriterMain() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        for (int v = 1; ; v++) {
            float[] w = new float[200_000];
            java.util.Arrays.fill(w, v);
            Map<String, Tensor> sd = new LinkedHashMap<>();
            sd.put("0.weight", Tensor.fromArray(w, 400, 500));
            sd.put("0.bias", Tensor.full(v, 500));
            Safetensors.save(file, sd, Map.of("version", Integer.toString(v)));
            if (v == 1) System.out.println("first version written");
            System.out.flush();
        }
    }
}
