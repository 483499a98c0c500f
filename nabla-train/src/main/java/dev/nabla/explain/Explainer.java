package dev.nabla.explain;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Node;
import dev.nabla.loss.Loss;
import dev.nabla.nn.Fusion;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Optimizers;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains one training step of a network number by number, read off Nabla's real autograd graph:
 * the forward pass node by node (op, formula, value, shape), the backward pass in the order the engine
 * runs it — observed with a {@link dev.nabla.autograd.BackwardListener}, so every upstream gradient and
 * chain-rule product is the engine's own — and the optimizer's update of every parameter.
 *
 * <p>The local derivative ∂out/∂in of a node is obtained from the node's own backward rule by a second
 * backward from that node with a ones seed, stopped after the node (for elementwise ops and reductions
 * this is exactly the derivative element by element; a broadcast input's sum is divided by the broadcast
 * factor; for matmul the local factor is the other operand, transposed).
 *
 * <pre>{@code
 * Explanation e = Explainer.explain(NetworkSpec.tutorial(), Tensor.of(new double[][] {{3}}).to(DType.FLOAT64),
 *         Tensor.of(new double[][] {{2.5}}).to(DType.FLOAT64), "sgd", 0.1);
 * System.out.print(ExplanationFormat.text(e, 8));
 * }</pre>
 */
public final class Explainer {
    private Explainer() {}

    /** Builds {@code spec}'s model and explains one step on ({@code x}, {@code target}). */
    public static Explanation explain(NetworkSpec spec, Tensor x, Tensor target, String optimizer, double lr) {
        return explain(spec.build(), spec.lossFunction(), x, target, optimizer, lr, spec.toString());
    }

    /**
     * Explains one step of {@code model} with {@code loss} on ({@code x}, {@code target}); the model's
     * parameters are updated by the step (optimizer by name, see {@link Optimizers}).
     */
    public static Explanation explain(Module model, Loss loss, Tensor x, Tensor target, String optimizer, double lr, String description) {
        // The textbook graph, u = x @ Wᵀ, z = u + b, a = σ(z), not the fused linear ops training records.
        try (Fusion unfused = Fusion.disabled()) {
            return explainUnfused(model, loss, x, target, optimizer, lr, description);
        }
    }

    private static Explanation explainUnfused(Module model, Loss loss, Tensor x, Tensor target, String optimizer, double lr, String description) {
        model.zeroGrad();
        Tensor out = model.forward(x);
        Tensor l = loss.compute(out, target);
        if (l.numel() != 1) throw new IllegalArgumentException("explain: the loss must be a scalar, got shape " + java.util.Arrays.toString(l.shape()));
        GraphNames names = GraphNames.assign(l, model, x, target, out);
        List<Tensor> order = Autograd.topologicalOrder(l);

        Map<Tensor, double[]> values = new IdentityHashMap<>();
        for (Tensor t : order) values.put(t, t.toDoubleArray().clone());

        // backward, observed node by node
        Map<Tensor, double[]> upstream = new IdentityHashMap<>();
        Map<Tensor, List<String>> contributors = new IdentityHashMap<>();
        Map<Tensor, List<double[]>> contributions = new IdentityHashMap<>();
        List<Object[]> visits = new ArrayList<>();
        Autograd.backward(l, Tensor.onesLike(l), true, (o, node, g, gi) -> {
            upstream.put(o, g.toDoubleArray().clone());
            Tensor[] ins = node.inputs();
            double[][] prods = new double[ins.length][];
            for (int i = 0; i < ins.length; i++) {
                if (gi[i] == null || !ins[i].requiresGrad()) continue;
                prods[i] = gi[i].toDoubleArray().clone();
                boolean twice = false;
                for (int j = 0; j < ins.length; j++) twice |= j != i && ins[j] == ins[i];
                contributors.computeIfAbsent(ins[i], k -> new ArrayList<>()).add(names.name(o) + (twice ? " as " + (char) ('a' + i) : ""));
                contributions.computeIfAbsent(ins[i], k -> new ArrayList<>()).add(prods[i]);
            }
            visits.add(new Object[] {o, prods});
        });

        List<Explanation.Leaf> leaves = new ArrayList<>();
        List<Explanation.ForwardStep> forward = new ArrayList<>();
        for (Tensor t : order) {
            Node n = t.gradFn();
            if (n == null) {
                double[] grad = t.grad() == null ? null : t.grad().toDoubleArray().clone();
                leaves.add(new Explanation.Leaf(names.name(t), names.kind(t), names.parameterName(t), t.shape(), values.get(t), grad));
            } else {
                List<String> ins = new ArrayList<>();
                for (Tensor in : n.inputs()) ins.add(names.name(in));
                forward.add(new Explanation.ForwardStep(n.id(), names.name(t), n.op(), n.formula(), names.expression(n), ins,
                        n.scope(), t.shape(), values.get(t), upstream.get(t)));
            }
        }

        List<Explanation.BackwardStep> backward = new ArrayList<>();
        for (Object[] v : visits) {
            Tensor o = (Tensor) v[0];
            double[][] prods = (double[][]) v[1];
            Node node = o.gradFn();
            Tensor[] locals = LocalDerivatives.onesSeed(o);
            List<Explanation.InputGrad> ig = new ArrayList<>();
            Tensor[] ins = node.inputs();
            for (int i = 0; i < ins.length; i++) {
                if (prods[i] == null) continue;
                LocalDerivatives.Local loc = LocalDerivatives.of(node, i, o, locals, names);
                ig.add(new Explanation.InputGrad(names.name(ins[i]), LocalDerivatives.rule(node, i), loc.values(), loc.shape(), loc.note(),
                        prods[i], ins[i].shape()));
            }
            backward.add(new Explanation.BackwardStep(names.name(o), node.op(), names.expression(node), o.shape(), upstream.get(o), ig));
        }

        List<Explanation.Accumulation> acc = new ArrayList<>();
        for (Tensor t : order) {
            List<double[]> parts = contributions.get(t);
            if (parts == null || parts.size() < 2) continue;
            double[] total = new double[parts.get(0).length];
            for (double[] p : parts) for (int j = 0; j < total.length; j++) total[j] += p[j];
            acc.add(new Explanation.Accumulation(names.name(t), contributors.get(t), parts, total));
        }

        // the optimizer step on the real parameters
        Map<String, Tensor> params = model.namedParameters();
        Map<String, double[]> before = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) before.put(e.getKey(), e.getValue().toDoubleArray().clone());
        Optimizer opt = Optimizers.byName(optimizer, new ArrayList<>(params.values()), lr, 0, 0);
        opt.step();
        List<Explanation.ParamUpdate> updates = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor p = e.getValue();
            double[] g = p.grad() == null ? new double[p.numel()] : p.grad().toDoubleArray().clone();
            updates.add(new Explanation.ParamUpdate(names.name(p), e.getKey(), p.shape(), before.get(e.getKey()), g, p.toDoubleArray().clone()));
        }
        double after;
        try (GradMode g = Autograd.noGrad()) {
            after = loss.compute(model.forward(x), target).item();
        }
        return new Explanation(description, leaves, forward, values.get(l)[0], backward, acc, updates, optimizer, lr,
                updateRule(optimizer), after);
    }

    /** The update rule in words, as the optimizer applies it on a first step. */
    static String updateRule(String optimizer) {
        switch (optimizer.toLowerCase(java.util.Locale.ROOT)) {
            case "sgd": return "θ ← θ − lr·∂L/∂θ";
            case "adam": return "first step: m = (1−β₁)g, v = (1−β₂)g², m̂ = g, v̂ = g², θ ← θ − lr·m̂/(√v̂ + ε) ≈ θ − lr·sign(g)  (β₁=0.9, β₂=0.999, ε=1e-8)";
            case "adamw": return "θ ← θ − lr·λ·θ, then the Adam step (λ = 0.01)";
            case "rmsprop": return "v = (1−α)g², θ ← θ − lr·g/(√v + ε)  (α = 0.99, ε = 1e-8)";
            default: return optimizer;
        }
    }
}
