package dev.nabla.explain;

import dev.nabla.DType;
import dev.nabla.Rng;
import dev.nabla.Tensor;
import dev.nabla.loss.Loss;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Init;
import dev.nabla.nn.Mlp;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The small network that {@code explain}, {@code graph} and {@code gradcheck} look at: layer widths,
 * hidden activation, loss, and where the weights come from (seeded initialisation, a weights map such
 * as a safetensors checkpoint, and explicit per-parameter values), always in float64 so every printed
 * digit is exact.
 *
 * <p>The model is {@link Mlp#of}'s Sequential (parameter names "0.weight", "0.bias", "2.weight", ...);
 * with {@code --loss bce} a final Sigmoid is appended so the output is a probability, as BCE expects.
 * Targets: one value per output unit for mse/bce, one class index per sample for cross-entropy.
 *
 * <pre>{@code
 * NetworkSpec spec = NetworkSpec.of("1,1,1", "sigmoid", "mse").withSeed(0)
 *         .withValues(Map.of("0.weight", new double[] {2}, "0.bias", new double[] {-1}));
 * Sequential model = spec.build();
 * }</pre>
 *
 * @param widths layer widths, input first
 * @param activation hidden activation name (see {@link Activation#byName})
 * @param loss loss name (see {@link Loss#byName}): mse, bce or cross-entropy (others are accepted)
 * @param seed seed of the initialisation
 * @param weights parameter values by name loaded from a file (may be empty)
 * @param values explicit parameter values by name, applied last (may be empty)
 */
public record NetworkSpec(int[] widths, String activation, String loss, long seed,
                          Map<String, Tensor> weights, Map<String, double[]> values) {

    /** The losses this tool documents and tests. */
    public static final List<String> LOSSES = List.of("mse", "bce", "cross-entropy");

    /** Validates names and widths up front with a clear message. */
    public NetworkSpec {
        if (widths.length < 2) throw new IllegalArgumentException("layers: need at least an input and an output width, e.g. 2,3,1");
        for (int w : widths) if (w <= 0) throw new IllegalArgumentException("layers: widths must be positive, got " + Arrays.toString(widths));
        Activation.byName(activation);
        Loss.byName(loss);
        if (canonicalLoss(loss).equals("cross-entropy") && widths[widths.length - 1] < 2) {
            throw new IllegalArgumentException("cross-entropy needs at least 2 output units (classes), got " + widths[widths.length - 1]);
        }
        widths = widths.clone();
        weights = weights == null ? Map.of() : new LinkedHashMap<>(weights);
        values = values == null ? Map.of() : new LinkedHashMap<>(values);
    }

    /** A spec from "2,3,1", an activation and a loss name, seed 0, no explicit weights. */
    public static NetworkSpec of(String layers, String activation, String loss) {
        return new NetworkSpec(Mlp.parseLayers(layers), activation, loss, 0, Map.of(), Map.of());
    }

    /** The seed tutorial's 1-1-1 network: x=3, w1=2, b1=−1, w2=1.5, b2=0.5, sigmoid, squared error. */
    public static NetworkSpec tutorial() {
        Map<String, double[]> v = new LinkedHashMap<>();
        v.put("0.weight", new double[] {2.0});
        v.put("0.bias", new double[] {-1.0});
        v.put("2.weight", new double[] {1.5});
        v.put("2.bias", new double[] {0.5});
        return new NetworkSpec(new int[] {1, 1, 1}, "sigmoid", "mse", 0, Map.of(), v);
    }

    public NetworkSpec withSeed(long s) { return new NetworkSpec(widths, activation, loss, s, weights, values); }

    public NetworkSpec withWeights(Map<String, Tensor> w) { return new NetworkSpec(widths, activation, loss, seed, w, values); }

    public NetworkSpec withValues(Map<String, double[]> v) { return new NetworkSpec(widths, activation, loss, seed, weights, v); }

    /** The loss name in this tool's spelling: "mse", "bce", "cross-entropy" (others unchanged). */
    public static String canonicalLoss(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        switch (n) {
            case "ce": case "crossentropy": return "cross-entropy";
            default: return n;
        }
    }

    /** Input width. */
    public int inputs() { return widths[0]; }

    /** Output width. */
    public int outputs() { return widths[widths.length - 1]; }

    /** Builds the float64 model: seeded init, then file weights, then explicit values. */
    public Sequential build() {
        Sequential mlp = Mlp.of(widths, activation, DType.FLOAT64, Rng.seeded(seed));
        Sequential model = mlp;
        if (canonicalLoss(loss).equals("bce")) {
            List<Module> mods = new ArrayList<>();
            for (int i = 0; i < mlp.size(); i++) mods.add(mlp.get(i));
            mods.add(new Activation.Sigmoid());
            model = new Sequential(mods);
        }
        if (!weights.isEmpty()) model.loadStateDict(weights);
        Map<String, Tensor> named = model.namedParameters();
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            Tensor p = named.get(e.getKey());
            if (p == null) throw new IllegalArgumentException("no parameter named '" + e.getKey() + "' (the model has " + named.keySet() + ")");
            if (e.getValue().length != p.numel()) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' has " + p.numel() + " values (shape "
                        + Arrays.toString(p.shape()) + "), got " + e.getValue().length);
            }
            Init.values(p, e.getValue());
        }
        return model;
    }

    /** The loss function. */
    public Loss lossFunction() { return Loss.byName(loss); }

    /**
     * Parses a batch "0.5,1.0;0.2,0.1" (samples separated by ';', values by ',') into a float64 (B, width) tensor.
     */
    public static Tensor parseRows(String spec, int width, String what) {
        String[] rows = spec.trim().split(";");
        double[] data = new double[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            String[] parts = rows[r].trim().split(",");
            if (parts.length != width) {
                throw new IllegalArgumentException(what + " '" + spec + "': sample " + (r + 1) + " has " + parts.length
                        + " values, the network needs " + width);
            }
            for (int c = 0; c < width; c++) data[r * width + c] = parseNumber(parts[c], what, spec);
        }
        return Tensor.fromArray(data, rows.length, width);
    }

    /** Parses targets for this spec's loss: (B, out) values, or (B,) class indices for cross-entropy. */
    public Tensor parseTargets(String spec, int batch) {
        boolean ce = canonicalLoss(loss).equals("cross-entropy");
        Tensor t = parseRows(spec, ce ? 1 : outputs(), "target");
        if (t.size(0) != batch) {
            throw new IllegalArgumentException("target '" + spec + "' has " + t.size(0) + " samples but the input has " + batch);
        }
        if (!ce) return t;
        double[] v = t.toDoubleArray();
        for (double c : v) {
            if (c != Math.rint(c) || c < 0 || c >= outputs()) {
                throw new IllegalArgumentException("target '" + spec + "': cross-entropy needs class indices in [0, " + outputs() + "), got " + c);
            }
        }
        return Tensor.fromArray(v, v.length);
    }

    /** A seeded batch of inputs (standard normal) and matching targets, for when none are given. */
    public Tensor[] randomBatch(int batch, long s) {
        var rng = Rng.seeded(s);
        Tensor x = Tensor.randn(rng, DType.FLOAT64, batch, inputs());
        String l = canonicalLoss(loss);
        Tensor y;
        if (l.equals("cross-entropy")) {
            double[] c = new double[batch];
            for (int i = 0; i < batch; i++) c[i] = rng.nextInt(outputs());
            y = Tensor.fromArray(c, batch);
        } else if (l.equals("bce")) {
            double[] c = new double[batch * outputs()];
            for (int i = 0; i < c.length; i++) c[i] = rng.nextInt(2);
            y = Tensor.fromArray(c, batch, outputs());
        } else {
            y = Tensor.randn(rng, DType.FLOAT64, batch, outputs());
        }
        return new Tensor[] {x, y};
    }

    /** Parses "NAME=v1,v2,..." into a name and values. */
    public static Map.Entry<String, double[]> parseAssignment(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("'" + spec + "': expected NAME=v1,v2,... e.g. 0.weight=2.0");
        String[] parts = spec.substring(eq + 1).split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) v[i] = parseNumber(parts[i], "value", spec);
        return Map.entry(spec.substring(0, eq).trim(), v);
    }

    private static double parseNumber(String s, String what, String spec) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + spec + "': '" + s.trim() + "' is not a number");
        }
    }

    @Override public boolean equals(Object o) {
        return o instanceof NetworkSpec n && Arrays.equals(widths, n.widths) && activation.equals(n.activation)
                && loss.equals(n.loss) && seed == n.seed && weights.equals(n.weights) && values.keySet().equals(n.values.keySet());
    }

    @Override public int hashCode() { return Arrays.hashCode(widths) * 31 + activation.hashCode(); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) sb.append(i == 0 ? "" : ",").append(widths[i]);
        return "layers " + sb + ", activation " + activation + ", loss " + canonicalLoss(loss);
    }
}
