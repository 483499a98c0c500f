package dev.nabla.plot;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** The shared chart writer: grid size, both files, and which points a series keeps. */
class ChartImagesTest {
    private static XYChart chart() { return new XYChartBuilder().width(100).height(80).title("t").build(); }

    @Test
    void writesAGridOfChartsAsPngAndSvg(@TempDir Path dir) throws Exception {
        List<XYChart> charts = List.of(chart(), chart(), chart());
        for (XYChart c : charts) ChartImages.addSeries(c, "s", new double[] {0, 1, 2}, new double[] {1, 2, 3}, false);
        List<Path> out = ChartImages.write(charts, 2, 120, 90, dir, "grid");
        assertEquals(List.of(dir.resolve("grid.png"), dir.resolve("grid.svg")), out);
        BufferedImage img = ImageIO.read(out.get(0).toFile());
        // 3 charts, 2 to a row: 2 columns × 2 rows of 120 × 90 cells
        assertEquals(240, img.getWidth());
        assertEquals(180, img.getHeight());
        String svg = Files.readString(out.get(1));
        assertTrue(svg.contains("<svg"), "an SVG document");
        // the empty fourth cell is background white
        assertEquals(0xFFFFFF, img.getRGB(239, 179) & 0xFFFFFF);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void fewerChartsThanColumnsMakeOneRowOfThatManyCells(@TempDir Path dir) throws Exception {
        List<Path> out = ChartImages.write(List.of(chart()), 3, 50, 40, dir, "one");
        BufferedImage img = ImageIO.read(out.get(0).toFile());
        assertEquals(50, img.getWidth());
        assertEquals(40, img.getHeight());
    }

    @Test
    void seriesKeepOnlyPointsTheAxisCanDraw() {
        XYChart c = chart();
        double[] x = {0, 1, 2, 3, 4};
        double[] y = {1, Double.NaN, -2, Double.POSITIVE_INFINITY, 0};
        assertTrue(ChartImages.addSeries(c, "linear", x, y, false));
        // linear axis: finite points only (x = 0, 2, 4)
        assertArrayEquals(new double[] {0, 2, 4}, c.getSeriesMap().get("linear").getXData());
        assertTrue(ChartImages.addSeries(c, "log", x, y, true));
        // log axis: finite and positive (x = 0)
        assertArrayEquals(new double[] {0}, c.getSeriesMap().get("log").getXData());
        assertFalse(ChartImages.addSeries(c, "none", x, new double[] {Double.NaN, 0, -1, Double.NaN, Double.NEGATIVE_INFINITY}, true));
        assertNull(c.getSeriesMap().get("none"), "nothing is added when no point is left");
    }

    @Test
    void refusesNothingToDraw(@TempDir Path dir) {
        var e = assertThrows(IllegalArgumentException.class, () -> ChartImages.write(List.of(), 2, 10, 10, dir, "empty"));
        assertTrue(e.getMessage().contains("empty"));
    }
}
