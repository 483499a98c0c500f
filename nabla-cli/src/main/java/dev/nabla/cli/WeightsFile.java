package dev.nabla.cli;

import dev.nabla.Tensor;
import dev.nabla.io.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads a safetensors weights file for {@code --weights} (names as in a checkpoint: "0.weight", ...). */
final class WeightsFile {
    private WeightsFile() {}

    static Map<String, Tensor> read(Path file) {
        if (!Files.isRegularFile(file)) throw new UsageException("--weights: no such file: " + file);
        try {
            return Safetensors.load(file).tensors();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
