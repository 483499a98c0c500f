package dev.nabla.explain;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Node;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training diagnostics per layer and per epoch, collected by a training loop through three calls:
 *
 * <pre>{@code
 * Diagnostics diag = new Diagnostics(model);
 * for (int epoch = 1; epoch <= epochs; epoch++) {
 *     for (Batch b : batches) {
 *         optimizer.zeroGrad();
 *         Tensor loss = lossFn.compute(model.forward(b.x()), b.y());
 *         loss.backward();
 *         diag.afterBackward(loss);      // gradients before any clipping; activations from loss's graph
 *         // (optional) GradClip.clipGradNorm(model.parameters(), 1.0);
 *         optimizer.step();
 *         diag.afterStep();              // update-to-weight ratios
 *     }
 *     Diagnostics.EpochRecord r = diag.endEpoch();   // aggregates the epoch
 *     for (Advice a : diag.advice()) log(a);          // warnings decided from the history so far
 * }
 * diag.writePlots(dir, "diagnostics");   // PNG + SVG, one series per layer
 * }</pre>
 *
 * <p>Per layer ({@link Linear} modules, named as in the state dict: "0", "2", ...) and epoch: the gradient
 * norm ‖∂L/∂W, ∂L/∂b‖₂ (mean over the epoch's steps), the weight norm ‖W‖₂ at the end of the epoch,
 * the update-to-weight ratio ‖ΔW‖/‖W‖ (mean over steps; about 1e-3 is healthy), and for the activation
 * that follows the layer: the share of dead ReLU units (output 0 for every sample of the epoch) and the
 * share of saturated sigmoid/tanh outputs (σ outside [0.01, 0.99], |tanh| above 0.99). Activations are
 * read from the loss's autograd graph (the activation nodes whose module scope is the activation layer),
 * so no forward hooks are needed. Not thread-safe; one instance per training run.
 */
public final class Diagnostics {
    /** One layer's measurements in one epoch (NaN where not applicable). */
    public record LayerStats(String layer, String activation, double gradNorm, double weightNorm, double updateRatio,
                             double deadShare, double saturatedShare) {}

    /** One epoch: mean batch loss and per-layer statistics, input layer first. */
    public record EpochRecord(int epoch, double loss, List<LayerStats> layers) {
        /** The layers' gradient norms, input layer first. */
        public double[] gradNorms() { return layers.stream().mapToDouble(LayerStats::gradNorm).toArray(); }
    }

    private final List<String> layerNames = new ArrayList<>();
    private final Map<String, Linear> linears = new LinkedHashMap<>();
    private final Map<String, String> activationModuleOf = new LinkedHashMap<>();
    private final Map<String, String> activationNameOf = new LinkedHashMap<>();
    private final List<EpochRecord> history = new ArrayList<>();
    private final Advisor advisor;

    // per-epoch accumulators
    private double lossSum;
    private int steps;
    private double[] gradSum, ratioSum;
    private int[] ratioCount;
    private double[] satSum;
    private int[] satCount;
    private boolean[][] alive;
    private double[][] before;

    /** Watches every {@link Linear} of {@code model} with the default {@link Advisor}. */
    public Diagnostics(Module model) { this(model, new Advisor()); }

    /** Watches every {@link Linear} of {@code model}; warnings decided by {@code advisor}. */
    public Diagnostics(Module model, Advisor advisor) {
        this.advisor = advisor;
        String last = null;
        for (Map.Entry<String, Module> e : model.namedModules().entrySet()) {
            if (e.getValue() instanceof Linear lin) {
                last = e.getKey().isEmpty() ? "0" : e.getKey();
                layerNames.add(last);
                linears.put(last, lin);
            } else if (e.getValue() instanceof Activation act && last != null && !activationModuleOf.containsKey(last)) {
                activationModuleOf.put(last, e.getKey());
                activationNameOf.put(last, act.name());
            }
        }
        if (layerNames.isEmpty()) throw new IllegalArgumentException("Diagnostics: the model has no Linear layer to watch");
        resetEpoch();
    }

    private void resetEpoch() {
        int n = layerNames.size();
        lossSum = 0;
        steps = 0;
        gradSum = new double[n];
        ratioSum = new double[n];
        ratioCount = new int[n];
        satSum = new double[n];
        satCount = new int[n];
        alive = new boolean[n][];
        before = null;
    }

    /** The watched layers by name, input first. */
    public List<String> layers() { return Collections.unmodifiableList(layerNames); }

    /**
     * Call after {@code loss.backward()} (and before clipping and {@code step()}): records the loss, each
     * layer's gradient norm, the activation statistics from {@code loss}'s graph, and remembers the
     * weights to measure the update.
     */
    public void afterBackward(Tensor loss) {
        lossSum += loss.item();
        steps++;
        before = new double[layerNames.size()][];
        for (int i = 0; i < layerNames.size(); i++) {
            Linear lin = linears.get(layerNames.get(i));
            double s = sq(lin.weight().grad());
            if (lin.bias() != null) s += sq(lin.bias().grad());
            gradSum[i] += Math.sqrt(s);
            before[i] = lin.weight().toDoubleArray();
        }
        if (activationModuleOf.isEmpty() || loss.gradFn() == null) return;
        for (Tensor t : Autograd.topologicalOrder(loss)) {
            Node n = t.gradFn();
            if (n == null) continue;
            for (int i = 0; i < layerNames.size(); i++) {
                String scope = activationModuleOf.get(layerNames.get(i));
                if (scope == null) continue;
                if (scope.equals(n.scope())) activation(i, n.op(), t);
                // a Linear fused with its ReLU (nn.Fusion) records one node in the Linear's scope
                else if (n.op().equals("linearRelu") && n.scope().equals(layerNames.get(i))) activation(i, "relu", t);
            }
        }
    }

    private void activation(int layer, String op, Tensor out) {
        double[] v = out.toDoubleArray();
        int units = out.dim() == 0 ? 1 : out.size(-1);
        switch (op) {
            case "relu": {
                if (alive[layer] == null) alive[layer] = new boolean[units];
                for (int j = 0; j < v.length; j++) if (v[j] > 0) alive[layer][j % units] = true;
                break;
            }
            case "sigmoid": case "tanh": {
                int sat = 0;
                for (double x : v) if (op.equals("sigmoid") ? (x < 0.01 || x > 0.99) : Math.abs(x) > 0.99) sat++;
                satSum[layer] += (double) sat / Math.max(v.length, 1);
                satCount[layer]++;
                break;
            }
            default:
        }
    }

    /** Call after {@code optimizer.step()}: records each layer's update-to-weight ratio ‖ΔW‖/‖W‖. */
    public void afterStep() {
        if (before == null) return;
        for (int i = 0; i < layerNames.size(); i++) {
            double[] now = linears.get(layerNames.get(i)).weight().toDoubleArray();
            double d = 0, w = 0;
            for (int j = 0; j < now.length; j++) {
                d += (now[j] - before[i][j]) * (now[j] - before[i][j]);
                w += before[i][j] * before[i][j];
            }
            ratioSum[i] += Math.sqrt(d) / Math.max(Math.sqrt(w), 1e-12);
            ratioCount[i]++;
        }
        before = null;
    }

    /** Call at the end of each epoch: aggregates it into a record (appended to {@link #history()}) and starts the next. */
    public EpochRecord endEpoch() {
        List<LayerStats> ls = new ArrayList<>();
        for (int i = 0; i < layerNames.size(); i++) {
            String name = layerNames.get(i);
            Linear lin = linears.get(name);
            double dead = Double.NaN;
            if (alive[i] != null) {
                int d = 0;
                for (boolean a : alive[i]) if (!a) d++;
                dead = (double) d / alive[i].length;
            }
            ls.add(new LayerStats(name, activationNameOf.getOrDefault(name, "identity"), steps == 0 ? Double.NaN : gradSum[i] / steps,
                    Math.sqrt(sq(lin.weight())), ratioCount[i] == 0 ? Double.NaN : ratioSum[i] / ratioCount[i], dead,
                    satCount[i] == 0 ? Double.NaN : satSum[i] / satCount[i]));
        }
        EpochRecord r = new EpochRecord(history.size() + 1, steps == 0 ? Double.NaN : lossSum / steps, List.copyOf(ls));
        history.add(r);
        resetEpoch();
        return r;
    }

    /** The epochs recorded so far. */
    public List<EpochRecord> history() { return Collections.unmodifiableList(history); }

    /** The advisor's warnings for the history so far. */
    public List<Advice> advice() { return advisor.advise(history); }

    /** Writes the per-layer plots as {@code base}.png and {@code base}.svg into {@code dir}; returns the paths. */
    public List<Path> writePlots(Path dir, String base) throws IOException { return DiagnosticsPlot.write(history, dir, base, null); }

    /**
     * Writes the per-layer, per-epoch measurements as CSV (atomically): epoch, loss, layer, activation,
     * grad_norm, weight_norm, update_ratio, dead_share, saturated_share (empty where not applicable).
     */
    public Path writeCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("epoch,loss,layer,activation,grad_norm,weight_norm,update_ratio,dead_share,saturated_share\n");
        for (EpochRecord e : history) {
            for (LayerStats l : e.layers()) {
                sb.append(e.epoch()).append(',').append(cell(e.loss())).append(',').append(l.layer()).append(',').append(l.activation())
                        .append(',').append(cell(l.gradNorm())).append(',').append(cell(l.weightNorm())).append(',').append(cell(l.updateRatio()))
                        .append(',').append(cell(l.deadShare())).append(',').append(cell(l.saturatedShare())).append('\n');
            }
        }
        dev.nabla.io.AtomicFiles.writeString(file, sb.toString());
        return file;
    }

    private static String cell(double v) { return Double.isFinite(v) ? Double.toString(v) : ""; }

    private static double sq(Tensor t) {
        if (t == null) return 0;
        double s = 0;
        for (double x : t.toDoubleArray()) s += x * x;
        return s;
    }
}
