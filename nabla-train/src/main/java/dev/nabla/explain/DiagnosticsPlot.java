package dev.nabla.explain;

import dev.nabla.plot.ChartImages;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

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
        return ChartImages.write(charts(history, title), COLS, W, H, dir, base);
    }

    static List<XYChart> charts(List<Diagnostics.EpochRecord> history, String title) {
        List<XYChart> out = new ArrayList<>();
        double[] epochs = history.stream().mapToDouble(Diagnostics.EpochRecord::epoch).toArray();
        XYChart loss = chart(title == null ? "loss" : title + ": loss", "loss", false);
        ChartImages.addSeries(loss, "loss", epochs, history.stream().mapToDouble(Diagnostics.EpochRecord::loss).toArray(), false);
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
            any |= ChartImages.addSeries(c, "layer " + history.get(0).layers().get(l).layer(), epochs, y, log);
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
}
