package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.tensor.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the gradient-descent optimizers: holds the parameters and the learning rate, clears
 * gradients ({@link #zeroGrad()}) and applies one update per {@link #step()} with the rule of
 * PyTorch's documentation. Per-parameter state (momentum, moments) is kept in the parameter's dtype,
 * as PyTorch does, and can be saved and restored ({@link #stateDict()}) so a resumed run continues exactly.
 * <p><b>Subnormal state is flushed to zero.</b> A state value that an update leaves smaller in magnitude than
 * the dtype's smallest normal number ({@link Float#MIN_NORMAL}, 1.2e-38; {@link Double#MIN_NORMAL} for float64)
 * is stored, and used in that update, as 0. Why: x86 CPUs compute with subnormal numbers about 20 times slower,
 * and state decays into them wherever a gradient stays zero (on MNIST, the weights of the always-blank border
 * pixels: their momentum shrinks by μ each step); 2% subnormal entries made the momentum step of a
 * 784-256-128-10 MLP ~3× slower (155 against 50 µs a step for the first layer). Such values are far below
 * anything training resolves; PyTorch keeps them unless {@code torch.set_flush_denormal(True)}.
 */
public abstract class Optimizer {
    protected final List<Tensor> params;
    protected double lr;
    protected long steps;
    private final Map<String, Storage[]> state = new LinkedHashMap<>();

    protected Optimizer(List<Tensor> params, double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("Invalid learning rate: " + lr);
        if (params.isEmpty()) throw new IllegalArgumentException(getClass().getSimpleName() + ": got an empty parameter list");
        this.params = new ArrayList<>(params);
        this.lr = lr;
    }

    /** Clears the gradients of all parameters. */
    public void zeroGrad() { for (Tensor p : params) p.zeroGrad(); }

    /** One update of every parameter that has a gradient. */
    public void step() {
        steps++;
        try (GradMode g = Autograd.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                Tensor grad = p.peekGrad(); // read only: zeroGrad may recycle it afterwards
                if (grad == null) continue;
                if (!p.isContiguous()) throw new IllegalStateException("optimizer: parameter " + i + " is not contiguous");
                Tensor gr = grad.contiguous();
                update(i, p.storage(), p.offset(), gr.storage(), gr.offset(), p.numel());
                p.storage().bumpVersion();
            }
        }
    }

    /**
     * Updates parameter {@code index}: {@code n} values at {@code ps[po..]} with gradient {@code gs[go..]}.
     * Implementations read and write through {@link Storage#get}/{@link Storage#set}.
     */
    protected abstract void update(int index, Storage ps, int po, Storage gs, int go, int n);

    /**
     * {@code x}, or 0 when its magnitude is under the smallest normal number of {@code state}'s dtype: the flush
     * of subnormal state described in the class comment, for updates written out element by element.
     */
    protected static double flushSubnormal(double x, Storage state) {
        return Math.abs(x) < (state.f != null ? Float.MIN_NORMAL : Double.MIN_NORMAL) ? 0.0 : x;
    }

    /** A named per-parameter buffer in the parameter's dtype, created zero-filled on first use. */
    protected Storage buffer(String name, int index, int n) {
        Storage[] all = state.computeIfAbsent(name, k -> new Storage[params.size()]);
        if (all[index] == null) all[index] = Storage.allocate(params.get(index).dtype(), n);
        return all[index];
    }

    /** Whether a buffer already exists (e.g. momentum after the first step). */
    protected boolean hasBuffer(String name, int index) {
        Storage[] all = state.get(name);
        return all != null && all[index] != null;
    }

    public double lr() { return lr; }

    public void setLr(double lr) {
        if (!(lr >= 0)) throw new IllegalArgumentException("Invalid learning rate: " + lr);
        this.lr = lr;
    }

    /** Number of steps taken. */
    public long stepCount() { return steps; }

    /** The parameters being optimized. */
    public List<Tensor> parameters() { return params; }

    /**
     * The optimizer state as named tensors ("exp_avg.3" = buffer exp_avg of parameter 3, in the
     * parameter's dtype) plus float64 "step" and "lr", for a checkpoint sidecar.
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("step", Tensor.of(dev.nabla.DType.FLOAT64, steps));
        out.put("lr", Tensor.of(dev.nabla.DType.FLOAT64, lr));
        for (Map.Entry<String, Storage[]> e : state.entrySet()) {
            for (int i = 0; i < e.getValue().length; i++) {
                Storage b = e.getValue()[i];
                if (b != null) out.put(e.getKey() + "." + i, Tensor.wrap(b, new int[] {b.length()}).copy());
            }
        }
        return out;
    }

    /** Restores what {@link #stateDict()} produced. */
    public void loadStateDict(Map<String, Tensor> sd) {
        state.clear();
        for (Map.Entry<String, Tensor> e : sd.entrySet()) {
            String k = e.getKey();
            if (k.equals("step")) { steps = (long) e.getValue().item(); continue; }
            if (k.equals("lr")) { lr = e.getValue().item(); continue; }
            int dot = k.lastIndexOf('.');
            if (dot < 0) throw new IllegalArgumentException("optimizer state: unexpected key '" + k + "'");
            int idx;
            try {
                idx = Integer.parseInt(k.substring(dot + 1));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("optimizer state: unexpected key '" + k + "'");
            }
            if (idx < 0 || idx >= params.size()) throw new IllegalArgumentException("optimizer state: key '" + k + "' names parameter " + idx + " but there are " + params.size());
            if (e.getValue().numel() != params.get(idx).numel()) {
                throw new IllegalArgumentException("optimizer state: '" + k + "' has " + e.getValue().numel() + " values, parameter " + idx + " has " + params.get(idx).numel());
            }
            Storage b = buffer(k.substring(0, dot), idx, params.get(idx).numel());
            double[] v = e.getValue().toDoubleArray();
            for (int j = 0; j < v.length; j++) b.set(j, v[j]);
        }
    }

    static void checkNonNegative(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("Invalid " + what + " value: " + v);
    }

    static void checkBeta(String what, double v) {
        if (!(v >= 0 && v < 1)) throw new IllegalArgumentException("Invalid " + what + " parameter: " + v + " (must be in [0, 1))");
    }
}
