package dev.nabla.cli;

import static dev.nabla.cli.CliRun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explain, graph, gradcheck and diagnose through NablaCli.commandLine() with captured output. */
class ExplainCommandsTest {
    @TempDir Path dir;



    @Test void explainTutorialText() {
        CliRun o = run("explain", "--tutorial");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("a1 = σ(z1)"));
        assertTrue(o.out().contains("0.9933071490757153"));
        assertTrue(o.out().contains("-0.030516930123711365"));
        assertTrue(o.out().contains("1.6013251319088084"));
    }

    @Test void explainJsonAndMarkdown() {
        CliRun o = run("explain", "--layers", "2,3,1", "--activation", "relu", "--input", "0.5,1.0;0.2,0.1", "--target", "1;0",
                "--optimizer", "adam", "--lr", "0.01", "--json");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("{\"network\": "));
        assertTrue(o.out().contains("\"new_value\": ") && o.out().contains("\"grad\": ") && o.out().contains("\"id\": \"z1\""));
        CliRun md = run("explain", "--layers", "2,3,2", "--loss", "cross-entropy", "--input", "0.5,1.0", "--target", "1", "--format", "markdown");
        assertEquals(0, md.code(), md.err());
        assertTrue(md.out().contains("| node | op |"));
    }

    @Test void explainReadsWeightsFromASafetensorsFile() throws Exception {
        // the tutorial's weights saved as a checkpoint would be: w1 = 2, b1 = -1, w2 = 1.5, b2 = 0.5
        Path w = dir.resolve("w.safetensors");
        java.util.Map<String, dev.nabla.Tensor> sd = new java.util.LinkedHashMap<>();
        sd.put("0.weight", dev.nabla.Tensor.fromArray(new double[] {2.0}, 1, 1));
        sd.put("0.bias", dev.nabla.Tensor.fromArray(new double[] {-1.0}, 1));
        sd.put("2.weight", dev.nabla.Tensor.fromArray(new double[] {1.5}, 1, 1));
        sd.put("2.bias", dev.nabla.Tensor.fromArray(new double[] {0.5}, 1));
        dev.nabla.io.Safetensors.save(w, sd, java.util.Map.of());
        CliRun o = run("explain", "--layers", "1,1,1", "--activation", "sigmoid", "--loss", "mse", "--weights", w.toString(),
                "--input", "3", "--target", "2.5");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("-0.030516930123711365"), o.out()); // ∂L/∂w1 of the tutorial (NumPy value in the issue)
        assertEquals(2, run("explain", "--weights", dir.resolve("missing.safetensors").toString()).code());
        Files.writeString(dir.resolve("bad.safetensors"), "not a safetensors file");
        CliRun bad = run("explain", "--layers", "1,1,1", "--weights", dir.resolve("bad.safetensors").toString(), "--input", "3", "--target", "2.5");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("bad.safetensors") && !bad.err().contains("\tat "), bad.err());
    }

    @Test void badOptionsExitWith2() {
        assertEquals(2, run("explain", "--format", "html").code());
        assertEquals(2, run("explain", "--input", "1,2").code());
        assertEquals(2, run("explain", "--layers", "2,3,1", "--input", "1,2,3", "--target", "1").code());
        assertEquals(2, run("explain", "--activation", "swish").code());
        assertEquals(2, run("explain", "--optimizer", "lbfgs").code());
        assertEquals(2, run("explain", "--set", "9.weight=1").code());
        assertEquals(2, run("graph", "--tutorial").code());
        assertEquals(2, run("graph", "--out", "a", "--output", "b.svg").code());
        assertEquals(2, run("graph", "--output", "b.jpg").code());
        assertEquals(2, run("diagnose", "overfitting").code());
        assertEquals(2, run("gradcheck", "--batch", "0").code());
    }

    @Test void graphWritesDotSvgPng() throws Exception {
        CliRun o = run("graph", "--tutorial", "--values", "--no-graphviz", "--out", dir.toString(), "--json");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("\"layout\": \"elk\""));
        for (String f : new String[] {"graph.dot", "graph.svg", "graph.png"}) assertTrue(Files.size(dir.resolve(f)) > 100, f);
        assertEquals(0, run("graph", "--layers", "2,3,1", "--output", dir.resolve("one.svg").toString()).code());
        assertTrue(Files.readString(dir.resolve("one.svg")).contains("<svg"));
    }

    @Test void gradcheckPasses() {
        for (String[] c : new String[][] {{"sigmoid", "mse"}, {"tanh", "bce"}, {"relu", "cross-entropy"}}) {
            String layers = c[1].equals("cross-entropy") ? "2,3,3" : "2,3,1";
            CliRun o = run("gradcheck", "--layers", layers, "--activation", c[0], "--loss", c[1], "--json");
            assertEquals(0, o.code(), o.out() + o.err());
            assertTrue(o.out().contains("\"passed\": true"));
        }
        CliRun t = run("gradcheck", "--layers", "2,4,1");
        assertTrue(t.out().contains("PASSED") && t.out().contains("0.weight"), t.out());
    }

    @Test void diagnoseLearningRateJson() throws Exception {
        CliRun o = run("diagnose", "learning-rate", "--out", dir.toString(), "--json");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("\"kind\": \"learning-rate-too-low\""));
        assertTrue(o.out().contains("\"kind\": \"learning-rate-too-high\""));
        assertTrue(Files.size(dir.resolve("learning-rate-good.png")) > 1000);
    }
}
