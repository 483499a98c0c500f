package dev.nabla.train;

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
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws training curves with XChart and writes each picture as PNG and SVG, atomically:
 * {@link #history} (loss panel with train and validation loss, and a metric panel with accuracy or
 * RMSE/MAE/R²) and {@link #curves} (one line per named curve, e.g. every learning rate of a sweep).
 * Non-finite points are left out (a diverging run's line stops where it blew up).
 */
public final class Plots {
    private Plots() {}

    static final int W = 640, H = 420;

    /** Writes {@code base}.png and {@code base}.svg with the loss and metric curves of {@code history}; returns the paths. */
    public static List<Path> history(History history, Path dir, String base, String title) throws IOException {
        double[] epochs = history.column("epoch");
        XYChart loss = chart(title == null ? "loss" : title + ": loss", "loss", false);
        add(loss, "train", epochs, history.column("train_loss"), false);
        add(loss, "validation", epochs, history.column("val_loss"), false);
        List<XYChart> charts = new ArrayList<>(List.of(loss));
        List<String> metricCols = history.columns().stream()
                .filter(c -> !List.of("epoch", "train_loss", "val_loss", "lr", "seconds").contains(c)).toList();
        if (!metricCols.isEmpty()) {
            XYChart m = chart("metrics", "value", false);
            boolean any = false;
            for (String c : metricCols) any |= add(m, c, epochs, history.column(c), false);
            if (any) charts.add(m);
        }
        return write(charts, dir, base);
    }

    /**
     * Writes {@code base}.png and {@code base}.svg: one line per entry of {@code curves} (x = index, the
     * first point being epoch 0), on a log y-axis when {@code logY}.
     */
    public static List<Path> curves(Map<String, double[]> curves, String title, String xTitle, String yTitle, boolean logY,
                                    Path dir, String base) throws IOException {
        XYChart c = chart(title, yTitle, logY);
        c.setXAxisTitle(xTitle);
        for (Map.Entry<String, double[]> e : curves.entrySet()) {
            double[] y = e.getValue();
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) x[i] = i;
            add(c, e.getKey(), x, y, logY);
        }
        return write(List.of(c), dir, base);
    }

    private static List<Path> write(List<XYChart> charts, Path dir, String base) throws IOException {
        int width = W * charts.size(), height = H;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        paint(g, charts);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);

        VectorGraphics2D vg = new VectorGraphics2D();
        paint(vg, charts);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(vg.getCommands(), new PageSize(0, 0, width, height)).writeTo(svg);

        Path p1 = dir.resolve(base + ".png"), p2 = dir.resolve(base + ".svg");
        AtomicFiles.writeBytes(p1, png.toByteArray());
        AtomicFiles.writeBytes(p2, svg.toByteArray());
        return List.of(p1, p2);
    }

    private static void paint(Graphics2D g, List<XYChart> charts) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W * charts.size(), H);
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D c = (Graphics2D) g.create(i * W, 0, W, H);
            charts.get(i).paint(c, W, H);
            c.dispose();
        }
    }

    private static XYChart chart(String title, String y, boolean log) {
        XYChart c = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle("epoch").yAxisTitle(y).build();
        c.getStyler().setYAxisLogarithmic(log);
        c.getStyler().setLegendVisible(true);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setMarkerSize(4);
        c.getStyler().setXAxisTickMarkSpacingHint(90);
        c.getStyler().setXAxisDecimalPattern("#");
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
