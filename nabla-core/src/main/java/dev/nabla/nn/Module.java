package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.ShapeMismatchException;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.tensor.Shapes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base class of every layer and model, as {@code torch.nn.Module}: it owns named parameters and
 * child modules, computes {@link #forward}, switches between training and evaluation mode, and
 * saves/loads its weights as a state dict whose names follow PyTorch ("0.weight", "0.bias", ...).
 */
public abstract class Module {
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Computes the module's output for input {@code x}. */
    public abstract Tensor forward(Tensor x);

    /** Runs a child module's forward with its name on the autograd scope, so graph nodes know their layer. */
    protected Tensor callChild(String name, Tensor x) {
        Module m = children.get(name);
        return Autograd.inScope(name, () -> m.forward(x));
    }

    /** Registers a learnable tensor; returns it (now requiring grad). */
    protected Tensor registerParameter(String name, Tensor value) {
        Parameter p = new Parameter(name, value);
        params.put(name, p);
        return p.value();
    }

    /** Registers a child module; returns it. */
    protected <M extends Module> M registerModule(String name, M module) {
        children.put(name, module);
        return module;
    }

    /** The current value of a directly registered parameter. */
    protected Tensor param(String name) { return params.get(name).value(); }

    /** All learnable tensors, this module's first, then the children's in registration order. */
    public List<Tensor> parameters() { return new ArrayList<>(namedParameters().values()); }

    /** Parameters by dotted name, as {@code named_parameters()}. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out) {
        for (Parameter p : params.values()) out.put(prefix + p.name(), p.value());
        for (Map.Entry<String, Module> c : children.entrySet()) c.getValue().collect(prefix + c.getKey() + ".", out);
    }

    /** Direct children by name. */
    public Map<String, Module> children() { return java.util.Collections.unmodifiableMap(children); }

    /** This module ("") and all descendants by dotted name, depth first. */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        out.put("", this);
        for (Map.Entry<String, Module> c : children.entrySet()) {
            for (Map.Entry<String, Module> e : c.getValue().namedModules().entrySet()) {
                out.put(e.getKey().isEmpty() ? c.getKey() : c.getKey() + "." + e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** Training mode (dropout active). Returns this. */
    public Module train() { return setTraining(true); }

    /** Evaluation mode (dropout off). Returns this. */
    public Module eval() { return setTraining(false); }

    private Module setTraining(boolean on) {
        training = on;
        for (Module c : children.values()) c.setTraining(on);
        return this;
    }

    public boolean isTraining() { return training; }

    /** Clears every parameter's gradient. */
    public void zeroGrad() { for (Tensor p : parameters()) p.zeroGrad(); }

    /** Number of learnable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Tensor p : parameters()) n += p.numel();
        return n;
    }

    /** A detached copy of every parameter by name (PyTorch naming), for checkpoints. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : namedParameters().entrySet()) out.put(e.getKey(), e.getValue().detach().copy());
        return out;
    }

    /**
     * Copies values from {@code state} into the parameters (strict: every name must be present, no extra
     * names, shapes equal; dtypes are converted). A mismatch names the parameter and both shapes.
     */
    public void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> mine = namedParameters();
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>();
        for (String k : mine.keySet()) if (!state.containsKey(k)) missing.add(k);
        for (String k : state.keySet()) if (!mine.containsKey(k)) unexpected.add(k);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict: missing keys " + missing + ", unexpected keys " + unexpected);
        }
        for (Map.Entry<String, Tensor> e : mine.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (!Shapes.same(src.shape(), e.getValue().shape())) {
                throw new ShapeMismatchException("loadStateDict: parameter '" + e.getKey() + "' has shape " + Shapes.format(e.getValue().shape())
                        + " in the model but " + Shapes.format(src.shape()) + " in the state dict");
            }
        }
        try (GradMode g = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : mine.entrySet()) {
                Tensor p = e.getValue();
                p.copyFrom(state.get(e.getKey()).detach().to(p.dtype()));
            }
        }
    }

    /** Converts every parameter to {@code dtype} (new leaf tensors); returns this. */
    public Module to(DType dtype) {
        for (Parameter p : params.values()) {
            if (p.value().dtype() != dtype) p.set(p.value().detach().to(dtype).copy().detach());
        }
        for (Module c : children.values()) c.to(dtype);
        return this;
    }

    /** A one-line description used by {@link #toString()}, e.g. "Linear(in=2, out=3)". */
    protected String describe() { return getClass().getSimpleName() + "()"; }

    @Override public String toString() {
        if (children.isEmpty()) return describe();
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append("(\n");
        for (Map.Entry<String, Module> c : children.entrySet()) {
            sb.append("  (").append(c.getKey()).append("): ").append(c.getValue().toString().replace("\n", "\n  ")).append('\n');
        }
        return sb.append(')').toString();
    }
}
