package dev.nabla.explain;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link Diagnostics} history as one picture of six XChart panels, one line per layer: loss,
 * gradient norm (log scale), weight norm, update-to-weight ratio (log scale), dead ReLU share and
 * saturated sigmoid/tanh share, against the epoch. Written as PNG and SVG, atomically.
 */
public final class DiagnosticsPlot {
    private DiagnosticsPlot() {}

    private static final int W = 460, H = 300, COLS = 3;

    /**
     * Writes {@code base}.png and {@code base}.svg into {@code dir}; {@code title} (may be null) heads the
     * loss panel. Returns the two paths.
     */
    public static List<Path> write(List<Diagnostics.EpochRecord> history, Path dir, String base, String title) throws IOException {
        List<XYChart> charts = charts(history, title);
        int rows = (charts.size() + COLS - 1) / COLS;
        int width = W * COLS, height = H * rows;

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        paint(g, charts, width, height);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);

        VectorGraphics2D vg = new VectorGraphics2D();
        paint(vg, charts, width, height);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(vg.getCommands(), new PageSize(0, 0, width, height)).writeTo(svg);

        Path p1 = dir.resolve(base + ".png"), p2 = dir.resolve(base + ".svg");
        dev.nabla.io.AtomicFiles.writeBytes(p1, png.toByteArray());
        dev.nabla.io.AtomicFiles.writeBytes(p2, svg.toByteArray());
        return List.of(p1, p2);
    }

    private static void paint(Graphics2D g, List<XYChart> charts, int width, int height) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D c = (Graphics2D) g.create((i % COLS) * W, (i / COLS) * H, W, H);
            charts.get(i).paint(c, W, H);
            c.dispose();
        }
    }

    static List<XYChart> charts(List<Diagnostics.EpochRecord> history, String title) {
        List<XYChart> out = new ArrayList<>();
        double[] epochs = history.stream().mapToDouble(Diagnostics.EpochRecord::epoch).toArray();
        XYChart loss = chart(title == null ? "loss" : title + ": loss", "loss", false);
        add(loss, "loss", epochs, history.stream().mapToDouble(Diagnostics.EpochRecord::loss).toArray(), false);
        out.add(loss);
        out.add(perLayer(history, epochs, "gradient norm ‖∂L/∂W‖", true, Diagnostics.LayerStats::gradNorm));
        out.add(perLayer(history, epochs, "weight norm ‖W‖", false, Diagnostics.LayerStats::weightNorm));
        out.add(perLayer(history, epochs, "update / weight ‖ΔW‖/‖W‖", true, Diagnostics.LayerStats::updateRatio));
        out.add(perLayer(history, epochs, "dead ReLU share", false, Diagnostics.LayerStats::deadShare));
        out.add(perLayer(history, epochs, "saturated σ/tanh share", false, Diagnostics.LayerStats::saturatedShare));
        return out;
    }

    private static XYChart perLayer(List<Diagnostics.EpochRecord> history, double[] epochs, String title, boolean log,
                                    ToDoubleFunction<Diagnostics.LayerStats> f) {
        XYChart c = chart(title, title, log);
        if (history.isEmpty()) return c;
        int layers = history.get(0).layers().size();
        boolean any = false;
        for (int l = 0; l < layers; l++) {
            final int li = l;
            double[] y = history.stream().mapToDouble(r -> f.applyAsDouble(r.layers().get(li))).toArray();
            any |= add(c, "layer " + history.get(0).layers().get(l).layer(), epochs, y, log);
        }
        if (!any) c.setTitle(title + " (not applicable)");
        return c;
    }

    private static XYChart chart(String title, String y, boolean log) {
        XYChart c = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle("epoch").yAxisTitle(y).build();
        c.getStyler().setYAxisLogarithmic(log);
        c.getStyler().setLegendVisible(true);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setMarkerSize(3);
        return c;
    }

    /** Adds the finite (and, on a log axis, positive) points; returns whether any were left. */
    private static boolean add(XYChart c, String name, double[] x, double[] y, boolean log) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i]) && (!log || y[i] > 0)) { xs.add(x[i]); ys.add(y[i]); }
        }
        if (xs.isEmpty()) return false;
        c.addSeries(name, xs, ys).setMarker(xs.size() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        return true;
    }
}
