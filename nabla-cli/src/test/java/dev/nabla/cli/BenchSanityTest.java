package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `nabla bench` flags runs that no healthy JVM gives (the figures below are from real runs on the build machine). */
class BenchSanityTest {
    private static Map<String, Object> row(String op, String shape, double gflops) {
        return Map.of("op", op, "shape", shape, "nabla_gflops", gflops);
    }

    @Test
    void aHealthyRunHasNoWarnings() {
        List<Map<String, Object>> gemm = List.of(row("nn", "1024x1024x1024", 257), row("nn", "128x256x128", 177),
                row("tn", "128x256x128", 233), row("nt", "128x256x128", 190));
        assertEquals(List.of(), BenchCommand.sanityWarnings(gemm, 2.29, List.of()));
    }

    @Test
    void lostIntrinsicsAreFlagged() {
        // the broken run: float64 at 3 GFLOP/s (ratio 87), and one float32 shape far below the others
        List<Map<String, Object>> gemm = List.of(row("nn", "1024x1024x1024", 230), row("nn", "128x256x128", 120),
                row("tn", "128x256x128", 225), row("nt", "128x256x128", 40));
        List<String> w = BenchCommand.sanityWarnings(gemm, 87.1, List.of());
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).contains("float64 GEMM ran 87.1x slower"), w.get(0));
        assertTrue(w.get(1).contains("GEMM nt 128x256x128 ran at 40.0 GFLOP/s"), w.get(1));
    }

    private static Map<String, Object> mlp(String layers, double samplesPerSecond) {
        return Map.of("layers", layers, "train_gflops", samplesPerSecond * dev.nabla.bench.MlpThroughput.flopsPerSample(layers) / 1e9);
    }

    @Test
    void anMlpTrainingAtHalfSpeedIsFlagged() {
        // GEMM rates of a real run (median 245); MLP rates: healthy 142 k and 67.7 k samples/s, and the two slow runs
        // seen (784-800-10 at 34.7 k, 784-256-128-10 at 64.5 k samples/s, the GEMMs after them normal)
        List<Map<String, Object>> gemm = List.of(row("nn", "1024x1024x1024", 275), row("nn", "128x784x256", 230),
                row("tn", "128x256x784", 252), row("nt", "128x256x128", 165), row("tn", "128x784x256", 245));
        assertEquals(List.of(), BenchCommand.sanityWarnings(gemm, 2.11,
                List.of(mlp("784,256,128,10", 142_000), mlp("784,800,10", 67_700))));
        List<String> w = BenchCommand.sanityWarnings(gemm, 2.11,
                List.of(mlp("784,256,128,10", 64_500), mlp("784,800,10", 34_700)));
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("MLP 784,256,128,10 trained at 65.0 GFLOP/s"), w.get(0));
        assertTrue(w.get(1).startsWith("MLP 784,800,10 trained at 88.7 GFLOP/s"), w.get(1));
    }

    @Test
    void flopsPerSampleCountsForwardWeightAndInputGradients() {
        // hand count: forward and weight gradients 2·(784·256 + 256·128 + 128·10) each, input gradients of layers 2
        // and 3 2·(256·128 + 128·10): 469 504 + 469 504 + 68 096
        assertEquals(1_007_104, dev.nabla.bench.MlpThroughput.flopsPerSample("784,256,128,10"), 0);
        assertEquals(2 * 2 * 635_200 + 2 * 8_000, dev.nabla.bench.MlpThroughput.flopsPerSample("784,800,10"), 0);
    }
}
