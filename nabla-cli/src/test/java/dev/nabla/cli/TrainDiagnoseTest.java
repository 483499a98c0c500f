package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `nabla train --diagnose` writes per-layer, per-epoch diagnostics (CSV) and their plots. */
class TrainDiagnoseTest {
    @TempDir Path dir;

    @Test
    void diagnoseWritesPerLayerHistoryAndPlots() throws Exception {
        CliRun r = CliRun.run("train", "--dataset", "moons", "--epochs", "2", "--diagnose", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(dir.resolve("diagnostics.csv"));
        assertEquals("epoch,loss,layer,activation,grad_norm,weight_norm,update_ratio,dead_share,saturated_share", lines.get(0));
        assertEquals(1 + 2 * 3, lines.size(), String.join("\n", lines)); // 2 epochs × 3 Linear layers (2,16,16,2)
        for (String l : lines.subList(1, lines.size())) {
            double gradNorm = Double.parseDouble(l.split(",")[4]);
            assertTrue(gradNorm > 0 && Double.isFinite(gradNorm), l);
        }
        assertTrue(Files.size(dir.resolve("diagnostics.png")) > 1000);
    }
}
