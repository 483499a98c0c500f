package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.tensor.Storage;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov and weight decay, exactly
 * as {@code torch.optim.SGD}:
 * <pre>
 * g ← ∇θ + λθ
 * if μ ≠ 0: b ← (first step) g, else μ·b + (1−τ)·g;   g ← nesterov ? g + μ·b : b
 * θ ← θ − lr·g
 * </pre>
 * Note (as PyTorch, unlike Sutskever et al.): the learning rate multiplies the whole momentum buffer.
 * A subnormal b is flushed to zero (see {@link Optimizer}).
 */
public final class SGD extends Optimizer {
    private final double momentum, dampening, weightDecay;
    private final boolean nesterov;

    public SGD(List<Tensor> params, double lr) { this(params, lr, 0, 0, 0, false); }

    public SGD(List<Tensor> params, double lr, double momentum) { this(params, lr, momentum, 0, 0, false); }

    public SGD(List<Tensor> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(params, lr);
        checkNonNegative("momentum", momentum);
        checkNonNegative("weight_decay", weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0)) throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    /**
     * One update of every parameter that has a gradient. In the common case (momentum, no weight decay, dampening or
     * Nesterov, float32, after the first step) all parameters update in one parallel pass
     * ({@code FloatKernels.momentumStepAll}); otherwise one at a time. Same values either way.
     */
    @Override public void step() {
        if (momentum == 0 || weightDecay != 0 || dampening != 0 || nesterov || !stepAllAtOnce()) super.step();
    }

    /** The all-at-once path of {@link #step()}; false, having changed nothing, when a parameter does not qualify. */
    private boolean stepAllAtOnce() {
        int count = params.size(), k = 0;
        float[][] p = new float[count][], g = new float[count][], b = new float[count][];
        int[] po = new int[count], go = new int[count], n = new int[count];
        Tensor[] updated = new Tensor[count];
        java.util.Set<float[]> arrays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < count; i++) {
            Tensor param = params.get(i);
            Tensor grad = param.peekGrad();
            if (grad == null) continue;
            if (!param.isContiguous() || !grad.isContiguous() || param.storage().f == null || grad.storage().f == null
                    || !hasBuffer("momentum_buffer", i)) return false;
            if (!arrays.add(param.storage().f)) return false; // parameters sharing an array update one after another
            p[k] = param.storage().f;
            po[k] = param.offset();
            g[k] = grad.storage().f;
            go[k] = grad.offset();
            b[k] = buffer("momentum_buffer", i, param.numel()).f;
            n[k] = param.numel();
            updated[k++] = param;
        }
        steps++;
        dev.nabla.tensor.kernel.FloatKernels.momentumStepAll(java.util.Arrays.copyOf(p, k), java.util.Arrays.copyOf(po, k),
                java.util.Arrays.copyOf(g, k), java.util.Arrays.copyOf(go, k), java.util.Arrays.copyOf(b, k),
                java.util.Arrays.copyOf(n, k), (float) momentum, (float) lr);
        for (int i = 0; i < k; i++) updated[i].storage().bumpVersion();
        return true;
    }

    @Override protected void update(int index, Storage ps, int po, Storage gs, int go, int n) {
        if (momentum == 0 && weightDecay == 0 && ps.f != null && gs.f != null) {
            float a = (float) -lr;
            float[] p = ps.f, g = gs.f;
            for (int i = 0; i < n; i++) p[po + i] += a * g[go + i];
            return;
        }
        boolean first = !hasBuffer("momentum_buffer", index);
        Storage buf = momentum != 0 ? buffer("momentum_buffer", index, n) : null;
        if (ps.f != null && buf != null && !first && weightDecay == 0 && dampening == 0 && !nesterov) {
            // the common case (momentum SGD), in float32 as PyTorch computes it: b = μb + g; θ -= lr·b
            dev.nabla.tensor.kernel.FloatKernels.momentumStep(ps.f, po, gs.f, go, buf.f, 0, (float) momentum, (float) lr, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            double theta = ps.get(po + i);
            double g = gs.get(go + i) + weightDecay * theta;
            if (momentum != 0) {
                double b = flushSubnormal(first ? g : momentum * buf.get(i) + (1 - dampening) * g, buf);
                buf.set(i, b);
                g = nesterov ? g + momentum * b : b;
            }
            ps.set(po + i, theta - lr * g);
        }
    }
}
