package dev.nabla.train;

import dev.nabla.plot.ChartImages;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

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
        ChartImages.addSeries(loss, "train", epochs, history.column("train_loss"), false);
        ChartImages.addSeries(loss, "validation", epochs, history.column("val_loss"), false);
        List<XYChart> charts = new ArrayList<>(List.of(loss));
        List<String> metricCols = history.columns().stream()
                .filter(c -> !List.of("epoch", "train_loss", "val_loss", "lr", "seconds").contains(c)).toList();
        if (!metricCols.isEmpty()) {
            XYChart m = chart("metrics", "value", false);
            boolean any = false;
            for (String c : metricCols) any |= ChartImages.addSeries(m, c, epochs, history.column(c), false);
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
            ChartImages.addSeries(c, e.getKey(), x, y, logY);
        }
        return write(List.of(c), dir, base);
    }

    private static List<Path> write(List<XYChart> charts, Path dir, String base) throws IOException {
        return ChartImages.write(charts, charts.size(), W, H, dir, base);
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
}
