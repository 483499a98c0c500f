package dev.nabla.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import dev.nabla.io.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Turns XChart charts into files: {@link #write} draws a grid of charts as one PNG and one SVG picture, each written
 * atomically, and {@link #addSeries} adds a line leaving out the points a chart cannot draw. Shared by the training
 * curves ({@code dev.nabla.train.Plots}) and the diagnostics panels ({@code dev.nabla.explain.DiagnosticsPlot}).
 */
public final class ChartImages {
    private ChartImages() {}

    /**
     * Writes {@code base}.png and {@code base}.svg into {@code dir}: the charts in cells of {@code cellWidth} ×
     * {@code cellHeight} pixels, {@code columns} to a row, left to right then top to bottom, on white. Returns the
     * two paths (PNG first).
     */
    public static List<Path> write(List<XYChart> charts, int columns, int cellWidth, int cellHeight, Path dir, String base)
            throws IOException {
        if (charts.isEmpty()) throw new IllegalArgumentException("ChartImages.write: no charts to draw for " + base);
        if (columns < 1) throw new IllegalArgumentException("ChartImages.write: columns must be at least 1, got " + columns);
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        int width = cellWidth * cols, height = cellHeight * rows;

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        paint(g, charts, cols, cellWidth, cellHeight, width, height);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);

        VectorGraphics2D vg = new VectorGraphics2D();
        paint(vg, charts, cols, cellWidth, cellHeight, width, height);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(vg.getCommands(), new PageSize(0, 0, width, height)).writeTo(svg);

        Path p1 = dir.resolve(base + ".png"), p2 = dir.resolve(base + ".svg");
        AtomicFiles.writeBytes(p1, png.toByteArray());
        AtomicFiles.writeBytes(p2, svg.toByteArray());
        return List.of(p1, p2);
    }

    private static void paint(Graphics2D g, List<XYChart> charts, int cols, int cellWidth, int cellHeight, int width, int height) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D c = (Graphics2D) g.create((i % cols) * cellWidth, (i / cols) * cellHeight, cellWidth, cellHeight);
            charts.get(i).paint(c, cellWidth, cellHeight);
            c.dispose();
        }
    }

    /**
     * Adds the line {@code name} through the points (x[i], y[i]) whose y is finite (and, on a log axis, positive): a
     * diverging run's line stops where it blew up. Markers only up to 40 points. Returns whether any point was left
     * (false: nothing was added).
     */
    public static boolean addSeries(XYChart c, String name, double[] x, double[] y, boolean logY) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i]) && (!logY || y[i] > 0)) { xs.add(x[i]); ys.add(y[i]); }
        }
        if (xs.isEmpty()) return false;
        c.addSeries(name, xs, ys).setMarker(xs.size() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        return true;
    }
}
