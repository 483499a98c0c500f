package dev.nabla.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link Explainer} read off one forward pass, backward pass and optimizer step: values are
 * row-major float64 copies taken at the time (the optimizer step changes parameters afterwards).
 *
 * @param network a one-line description of the network
 * @param leaves the graph's leaves: parameters, input x, target y, constants
 * @param forward the computed tensors in the order they were made (inputs before outputs)
 * @param loss the loss value
 * @param backward the nodes in the order the backward engine visited them (reverse topological)
 * @param accumulations values that feed more than one node, with every contribution and their sum
 * @param updates per parameter: value, gradient, new value after the optimizer step
 * @param optimizer optimizer name ("sgd", "adam", ...)
 * @param lr learning rate
 * @param updateRule the update rule in words
 * @param lossAfter the loss on the same batch after the step
 */
public record Explanation(String network, List<Leaf> leaves, List<ForwardStep> forward, double loss,
                          List<BackwardStep> backward, List<Accumulation> accumulations, List<ParamUpdate> updates,
                          String optimizer, double lr, String updateRule, double lossAfter) {

    /** A leaf of the graph. {@code grad} is null for tensors that need none. */
    public record Leaf(String name, String kind, String parameter, int[] shape, double[] value, double[] grad) {}

    /** One op of the forward pass: {@code name = expression}, with the op's own formula. */
    public record ForwardStep(long nodeId, String name, String op, String formula, String expression, List<String> inputs,
                              String scope, int[] shape, double[] value, double[] grad) {}

    /**
     * One node of the backward pass: the upstream gradient ∂L/∂out and, per input that needs a
     * gradient, the local derivative and the chain-rule product ∂L/∂in (this path's share).
     */
    public record BackwardStep(String output, String op, String expression, int[] shape, double[] upstream, List<InputGrad> inputs) {}

    /**
     * The chain rule for one input of a node. {@code local} is ∂out/∂in element by element where that is
     * a tensor of the input's shape (elementwise ops, reductions), else null and {@code rule} says how
     * the product is formed (matmul: g @ Bᵀ). {@code note} explains broadcasting or the matmul operand.
     */
    public record InputGrad(String input, String rule, double[] local, int[] localShape, String note, double[] product, int[] shape) {}

    /** A value used by several nodes: its gradient is the sum of every path's contribution. */
    public record Accumulation(String tensor, List<String> from, List<double[]> parts, double[] total) {}

    /** A parameter before and after the optimizer step. */
    public record ParamUpdate(String name, String parameter, int[] shape, double[] before, double[] grad, double[] after) {}

    /** The gradient ∂L/∂{@code name} of a parameter or computed tensor, or null. */
    public double[] gradOf(String name) {
        for (ParamUpdate u : updates) if (u.name.equals(name) || u.parameter.equals(name)) return u.grad;
        for (ForwardStep f : forward) if (f.name.equals(name)) return f.grad;
        for (Leaf l : leaves) if (l.name.equals(name)) return l.grad;
        return null;
    }

    /** The forward value of {@code name}, or null. */
    public double[] valueOf(String name) {
        for (ForwardStep f : forward) if (f.name.equals(name)) return f.value;
        for (Leaf l : leaves) if (l.name.equals(name) || name.equals(l.parameter)) return l.value;
        return null;
    }

    /**
     * A JSON-ready tree of maps and lists: "nodes" (every tensor: id, op, inputs, shape, value, grad),
     * "parameters" (value, grad, new value), "backward" (the chain-rule steps), "loss", "loss_after".
     */
    public Map<String, Object> toTree() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("network", network);
        root.put("loss", loss);
        List<Object> nodes = new ArrayList<>();
        for (Leaf l : leaves) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.name);
            m.put("op", "leaf");
            m.put("kind", l.kind);
            if (l.parameter != null) m.put("parameter", l.parameter);
            m.put("inputs", List.of());
            m.put("shape", l.shape);
            m.put("value", l.value);
            m.put("grad", l.grad);
            nodes.add(m);
        }
        for (ForwardStep f : forward) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.name);
            m.put("op", f.op);
            m.put("node", f.nodeId);
            m.put("formula", f.formula);
            m.put("expression", f.name + " = " + f.expression);
            m.put("scope", f.scope);
            m.put("inputs", f.inputs);
            m.put("shape", f.shape);
            m.put("value", f.value);
            m.put("grad", f.grad);
            nodes.add(m);
        }
        root.put("nodes", nodes);
        List<Object> back = new ArrayList<>();
        for (BackwardStep b : backward) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", b.output);
            m.put("op", b.op);
            m.put("upstream", b.upstream);
            List<Object> ins = new ArrayList<>();
            for (InputGrad g : b.inputs) {
                Map<String, Object> im = new LinkedHashMap<>();
                im.put("input", g.input);
                im.put("rule", g.rule);
                im.put("local", g.local);
                if (g.note != null) im.put("note", g.note);
                im.put("product", g.product);
                ins.add(im);
            }
            m.put("inputs", ins);
            back.add(m);
        }
        root.put("backward", back);
        List<Object> acc = new ArrayList<>();
        for (Accumulation a : accumulations) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tensor", a.tensor);
            m.put("from", a.from);
            m.put("parts", a.parts);
            m.put("total", a.total);
            acc.add(m);
        }
        root.put("accumulations", acc);
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("name", optimizer);
        opt.put("lr", lr);
        opt.put("rule", updateRule);
        root.put("optimizer", opt);
        List<Object> params = new ArrayList<>();
        for (ParamUpdate u : updates) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", u.parameter);
            m.put("id", u.name);
            m.put("shape", u.shape);
            m.put("value", u.before);
            m.put("grad", u.grad);
            m.put("new_value", u.after);
            params.add(m);
        }
        root.put("parameters", params);
        root.put("loss_after", lossAfter);
        return root;
    }
}
