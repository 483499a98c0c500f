package dev.nabla.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.data.Mnist;
import dev.nabla.data.TensorDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Loads the shared real data sets when the shared data folder has them; skipped otherwise. */
class SharedDataTest {
    private static Path require(Optional<Path> p, String what) {
        assumeTrue(p.isPresent(), what + " not found under the shared data folder (" + SharedData.root().map(Path::toString)
                .orElse("absent: set -Dnabla.shared or create ../shared/data") + "); skipping");
        return p.get();
    }

    @Test
    void mnist() throws IOException {
        Path dir = require(SharedData.mnist(), "MNIST");
        TensorDataset test = Mnist.load(dir, false);
        assertEquals(10_000, test.size());
        assertArrayEquals(new int[] {784}, test.featureShape());
        float[] y = test.targets().toFloatArray();
        for (float v : y) assertTrue(v >= 0 && v <= 9);
    }

    @Test
    void fashionMnist() throws IOException {
        Path dir = require(SharedData.fashionMnist(), "Fashion-MNIST");
        assertEquals(10_000, Mnist.load(dir, false).size());
    }

    @Test
    void iris() throws IOException {
        CsvDataset d = Iris.load(require(SharedData.iris(), "Iris CSV"));
        assertEquals(150, d.size());
        assertEquals(4, d.featureShape()[0]);
        assertEquals(3, d.classNames().size());
    }

    @Test
    void californiaHousing() throws IOException {
        CsvDataset d = CaliforniaHousing.load(require(SharedData.californiaHousing(), "California housing CSV"));
        assertEquals(20_640, d.size());
        assertArrayEquals(new int[] {1}, d.targetShape());
    }
}
