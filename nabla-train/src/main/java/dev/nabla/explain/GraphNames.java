package dev.nabla.explain;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Node;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.tensor.TensorFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Readable names for the tensors of an autograd graph, in the tutorials' spelling: parameters
 * W1, b1, W2, ... (with their state-dict names kept alongside), the input x and target y, per layer
 * u1 = x @ W1ᵀ, z1 = u1 + b1, a1 = σ(z1), the model output y_pred and the loss L. Tensors given a
 * {@link Tensor#name()} keep it. Names are unique within one graph.
 */
public final class GraphNames {
    private final Map<Tensor, String> names = new IdentityHashMap<>();
    private final Map<Tensor, String> paramNames = new IdentityHashMap<>();
    private final Map<Tensor, String> kinds = new IdentityHashMap<>();

    private GraphNames() {}

    /** The display name of {@code t} ("?" when it is not part of the named graph). */
    public String name(Tensor t) { return names.getOrDefault(t, "?"); }

    /** The state-dict name ("0.weight") of a parameter, or null. */
    public String parameterName(Tensor t) { return paramNames.get(t); }

    /** "parameter", "input", "target", "constant" for leaves, "op" for computed tensors. */
    public String kind(Tensor t) { return kinds.getOrDefault(t, "op"); }

    /**
     * Names every tensor reachable from {@code root}. {@code model} (may be null) supplies parameter and
     * layer names, {@code output} (may be null) is the model's output, shown as y_pred.
     */
    public static GraphNames assign(Tensor root, Module model, Tensor input, Tensor target, Tensor output) {
        GraphNames g = new GraphNames();
        Map<String, Integer> layerOf = new HashMap<>();
        if (model != null) {
            int linear = 0;
            for (Map.Entry<String, Module> e : model.namedModules().entrySet()) {
                if (e.getValue() instanceof Linear) linear++;
                if (!e.getKey().isEmpty() && (e.getValue() instanceof Linear || e.getValue() instanceof Activation)) layerOf.put(e.getKey(), Math.max(linear, 1));
            }
            for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
                String key = e.getKey();
                int dot = key.lastIndexOf('.');
                String mod = dot < 0 ? "" : key.substring(0, dot);
                String leaf = dot < 0 ? key : key.substring(dot + 1);
                Integer layer = layerOf.get(mod);
                String shortName = leaf.equals("weight") ? "W" : leaf.equals("bias") ? "b" : leaf;
                g.paramNames.put(e.getValue(), key);
                g.names.put(e.getValue(), layer == null ? key : shortName + layer);
                g.kinds.put(e.getValue(), "parameter");
            }
        }
        Set<String> used = new HashSet<>(g.names.values());
        if (input != null) { g.put(input, "x", used); g.kinds.put(input, "input"); }
        if (target != null) { g.put(target, "y", used); g.kinds.put(target, "target"); }
        List<Tensor> order = Autograd.topologicalOrder(root);
        Map<String, Integer> counters = new HashMap<>();
        for (Tensor t : order) {
            if (g.names.containsKey(t)) continue;
            if (t.name() != null) { g.put(t, t.name(), used); if (t.isLeaf()) g.kinds.put(t, t.requiresGrad() ? "parameter" : "constant"); continue; }
            Node n = t.gradFn();
            if (n == null) {
                g.kinds.put(t, t.requiresGrad() ? "parameter" : "constant");
                g.put(t, t.numel() == 1 ? TensorFormat.number(t.toDoubleArray()[0]) : "c", used);
                continue;
            }
            String base;
            if (t == root) base = "L";
            else if (t == output) base = "y_pred";
            else {
                Integer layer = layerOf.get(n.scope());
                if (layer != null) {
                    switch (n.op()) {
                        case "permute": base = g.name(n.inputs()[0]) + "ᵀ"; break;
                        case "matmul": base = "u" + layer; break;
                        case "add": base = "z" + layer; break;
                        case "sigmoid": case "relu": case "tanh": case "leakyRelu": case "gelu": base = "a" + layer; break;
                        default: base = n.op() + layer;
                    }
                } else {
                    base = shortOp(n.op());
                    int c = counters.merge(base, 1, Integer::sum);
                    if (c > 1) base = base + c;
                }
            }
            g.put(t, base, used);
        }
        return g;
    }

    private static String shortOp(String op) {
        switch (op) {
            case "sub": return "e";
            case "mul": return "m";
            case "sum": return "s";
            case "div": return "q";
            case "crossEntropy": return "ℓ";
            case "bceWithLogits": return "ℓ";
            default: return op;
        }
    }

    private void put(Tensor t, String base, Set<String> used) {
        String n = base;
        for (int i = 2; used.contains(n); i++) n = base + "_" + i;
        used.add(n);
        names.put(t, n);
    }

    /** A readable right-hand side for {@code node}, such as "u1 + b1" or "σ(z1)". */
    public String expression(Node node) {
        Tensor[] in = node.inputs();
        String a = in.length > 0 ? name(in[0]) : "", b = in.length > 1 ? name(in[1]) : "";
        switch (node.op()) {
            case "add": return a + " + " + b;
            case "sub": return a + " − " + b;
            case "mul": return a + " · " + b;
            case "div": return a + " / " + b;
            case "matmul": return a + " @ " + b;
            case "permute": return "transpose(" + a + ")";
            case "sigmoid": return "σ(" + a + ")";
            case "relu": return "relu(" + a + ")";
            case "tanh": return "tanh(" + a + ")";
            case "leakyRelu": return "leaky_relu(" + a + ")";
            case "exp": return "exp(" + a + ")";
            case "log": return "ln(" + a + ")";
            case "neg": return "−" + a;
            case "sum": return node.formula().equals("Σ x") ? "Σ " + a : node.formula().replace("Σ", "Σ " + a);
            case "pow": return node.formula().replace("x", a);
            case "clamp": return node.formula().replace("x", a).replace("1.7976931348623157E308", "∞");
            case "crossEntropy": return "cross_entropy(" + a + ", " + b + ")";
            case "bceWithLogits": return "bce_with_logits(" + a + ", " + b + ")";
            default:
                StringBuilder sb = new StringBuilder(node.op()).append('(');
                for (int i = 0; i < in.length; i++) sb.append(i > 0 ? ", " : "").append(name(in[i]));
                return sb.append(')').toString();
        }
    }
}
