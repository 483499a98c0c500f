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
        assertEquals(List.of(), BenchCommand.sanityWarnings(gemm, 2.29));
    }

    @Test
    void lostIntrinsicsAreFlagged() {
        // the broken run: float64 at 3 GFLOP/s (ratio 87), and one float32 shape far below the others
        List<Map<String, Object>> gemm = List.of(row("nn", "1024x1024x1024", 230), row("nn", "128x256x128", 120),
                row("tn", "128x256x128", 225), row("nt", "128x256x128", 40));
        List<String> w = BenchCommand.sanityWarnings(gemm, 87.1);
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).contains("float64 GEMM ran 87.1x slower"), w.get(0));
        assertTrue(w.get(1).contains("GEMM nt 128x256x128 ran at 40.0 GFLOP/s"), w.get(1));
    }
}
