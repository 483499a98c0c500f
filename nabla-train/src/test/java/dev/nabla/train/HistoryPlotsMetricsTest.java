package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History files, plots and metrics. */
class HistoryPlotsMetricsTest {
    @TempDir Path dir;

    private static History sample() {
        History h = new History();
        h.add(new History.Row(1, 0.9, 1.0, Map.of("train_accuracy", 0.5, "val_accuracy", 0.25), 0.1, 0.5));
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train_accuracy", 0.75);
        m.put("val_accuracy", Double.NaN);
        h.add(new History.Row(2, 0.5, Double.NaN, m, 0.05, 0.25));
        return h;
    }

    @Test void csvAndJson() throws Exception {
        History h = sample();
        List<Path> files = h.write(dir, "history");
        List<String> lines = Files.readAllLines(files.get(0));
        assertTrue(lines.get(0).startsWith("epoch,train_loss,val_loss,"), lines.get(0));
        assertTrue(lines.get(0).endsWith(",lr,seconds"));
        assertEquals(3, lines.size());
        List<String> cols = List.of(lines.get(0).split(","));
        String[] r2 = lines.get(2).split(",", -1);
        assertEquals("2", r2[0]);
        assertEquals("0.5", r2[cols.indexOf("train_loss")]);
        assertEquals("", r2[cols.indexOf("val_loss")]);
        assertEquals("0.75", r2[cols.indexOf("train_accuracy")]);
        assertEquals("0.05", r2[cols.indexOf("lr")]);
        String json = Files.readString(files.get(1));
        assertTrue(json.contains("\"val_loss\":null"), json);
        History back = History.fromJson(json);
        assertEquals(2, back.size());
        assertEquals(0.9, back.rows().get(0).trainLoss());
        assertEquals(0.25, back.rows().get(0).get("val_accuracy"));
        assertTrue(Double.isNaN(back.rows().get(1).valLoss()));
        assertEquals(h.toCsv(), back.toCsv());
    }

    @Test void plotsAreWrittenAndDecode() throws Exception {
        List<Path> p = Plots.history(sample(), dir, "curves", "test");
        BufferedImage img = ImageIO.read(p.get(0).toFile());
        assertNotNull(img);
        assertEquals(2 * Plots.W, img.getWidth());
        assertTrue(Files.readString(p.get(1)).contains("<svg"));
        Map<String, double[]> curves = new LinkedHashMap<>();
        curves.put("lr 0.1", new double[] {1, 0.5, 0.2});
        curves.put("lr 10", new double[] {1, 50, Double.NaN});
        List<Path> s = Plots.curves(curves, "sweep", "epoch", "loss", true, dir, "sweep");
        assertNotNull(ImageIO.read(s.get(0).toFile()));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test void metricsInFloat64() {
        Metrics c = new Metrics(Task.CLASSIFICATION);
        c.add(Tensor.of(new double[][] {{2, 1}, {0, 3}, {5, 4}}), Tensor.of(0, 1, 1));
        assertEquals(2.0 / 3, c.accuracy(), 1e-15);
        Metrics r = new Metrics(Task.REGRESSION);
        r.add(Tensor.of(1, 2, 3, 4), Tensor.of(1, 2, 3, 6));
        assertEquals(0.5, r.mae(), 1e-15);
        assertEquals(1.0, r.rmse(), 1e-15);
        // SS_tot = Σ(y − 3)² = 4+1+0+9 = 14, SS_res = 4
        assertEquals(1 - 4.0 / 14, r.r2(), 1e-12);
        Metrics b = new Metrics(Task.BINARY, 0.0);
        b.add(Tensor.of(-1, 2, 0.5, -3), Tensor.of(0, 1, 0, 0));
        assertEquals(0.75, b.accuracy(), 1e-15);
        r.addLoss(1.0, 2);
        r.addLoss(4.0, 6);
        assertEquals(3.25, r.loss(), 1e-15);
    }
}
