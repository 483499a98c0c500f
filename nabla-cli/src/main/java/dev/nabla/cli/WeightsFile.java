package dev.nabla.cli;

import dev.nabla.Tensor;
import java.nio.file.Path;
import java.util.Map;

/** Reads a weights file for {@code --weights}. */
final class WeightsFile {
    private WeightsFile() {}

    static Map<String, Tensor> read(Path file) {
        throw new UsageException("--weights: reading safetensors files is not available in this build yet (dev.nabla.io.Safetensors); use --set NAME=values");
    }
}
