package dev.nabla.autograd;

import dev.nabla.AnomalyException;
import dev.nabla.Tensor;
import dev.nabla.tensor.BufferPool;
import dev.nabla.tensor.Shapes;
import dev.nabla.tensor.Storage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Reverse-mode automatic differentiation: the gradient-recording switch ({@link #noGrad()}),
 * the recording of ops into a define-by-run graph ({@link #record}), the backward engine that
 * walks that graph in reverse topological order applying the chain rule, module scopes that tag
 * nodes with the layer they belong to, and anomaly mode (like {@code torch.autograd.detect_anomaly}).
 */
public final class Autograd {
    private Autograd() {}

    static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);
    private static final ThreadLocal<Deque<String>> SCOPES = ThreadLocal.withInitial(ArrayDeque::new);
    private static final ThreadLocal<Boolean> ANOMALY = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final AtomicLong IDS = new AtomicLong();
    private static final ThreadLocal<Boolean> IN_BACKWARD = ThreadLocal.withInitial(() -> Boolean.FALSE);
    /** The upstream gradient the running backward rule may overwrite (see {@link #mayOverwrite}), or null. */
    private static final ThreadLocal<Tensor[]> SCRATCH = ThreadLocal.withInitial(() -> new Tensor[1]);

    /**
     * Whether the backward rule now running may overwrite {@code g}, the upstream gradient it was handed: true only
     * inside {@link #backward} when that gradient is a buffer this pass allocated, that no other pending gradient,
     * retained {@code grad()} or listener can see, and that the engine recycles once the rule returns. A rule that
     * needs a temporary of g's shape (ReLU's masked gradient) can then write it over g instead of allocating one.
     */
    public static boolean mayOverwrite(Tensor g) {
        Tensor s = SCRATCH.get()[0];
        return s != null && s == g;
    }

    /** Turns gradient recording off until the returned scope is closed. */
    public static GradMode noGrad() { return new GradMode(false); }

    /** Turns gradient recording on until the returned scope is closed (inside a no-grad region). */
    public static GradMode enableGrad() { return new GradMode(true); }

    /** Whether ops on this thread are being recorded. */
    public static boolean isGradEnabled() { return ENABLED.get(); }

    /** Turns anomaly detection on or off for this thread; returns the previous setting. */
    public static boolean setAnomalyDetection(boolean on) {
        boolean prev = ANOMALY.get();
        ANOMALY.set(on);
        return prev;
    }

    /** Whether anomaly detection is on for this thread. */
    public static boolean isAnomalyDetectionEnabled() { return ANOMALY.get(); }

    /** Anomaly detection on until the returned scope is closed. */
    public static AutoCloseable detectAnomaly() {
        boolean prev = setAnomalyDetection(true);
        return () -> setAnomalyDetection(prev);
    }

    /** Runs {@code body} with {@code name} pushed on the module scope (nested scopes join with '.'). */
    public static <T> T inScope(String name, Supplier<T> body) {
        Deque<String> s = SCOPES.get();
        String top = s.peek();
        s.push(top == null || top.isEmpty() ? name : top + "." + name);
        try {
            return body.get();
        } finally {
            s.pop();
        }
    }

    /** The current module scope, "" at top level. */
    public static String currentScope() {
        String top = SCOPES.get().peek();
        return top == null ? "" : top;
    }

    /**
     * Records that {@code out} was computed by {@code op} from {@code inputs}: if recording is on and
     * any input requires a gradient, {@code out} gets a {@link Node} with the backward rule. In anomaly
     * mode the forward value is checked for NaN/Inf first. Returns {@code out}.
     */
    public static Tensor record(Tensor out, String op, String formula, BackwardFunction backward, Tensor... inputs) {
        if (ANOMALY.get() && !IN_BACKWARD.get()) checkForward(out, op, inputs);
        if (!ENABLED.get()) return out;
        boolean any = false;
        for (Tensor t : inputs) any |= t.requiresGrad();
        if (!any) return out;
        out.setGradFn(new Node(op, formula, inputs.clone(), backward, currentScope(), IDS.incrementAndGet()));
        return out;
    }

    private static void checkForward(Tensor out, String op, Tensor[] inputs) {
        int bad = firstNonFinite(out);
        if (bad < 0) return;
        StringBuilder sb = new StringBuilder("anomaly: forward of '").append(op).append("'");
        String scope = currentScope();
        if (!scope.isEmpty()) sb.append(" in module '").append(scope).append("'");
        sb.append(" produced ").append(describe(out.toDoubleArray()[bad])).append(" at flat index ").append(bad)
                .append(" of its output ").append(Shapes.format(out.shape())).append("; inputs: ");
        for (int i = 0; i < inputs.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(summary(inputs[i]));
        }
        throw new AnomalyException(sb.toString());
    }

    private static String describe(double v) { return Double.isNaN(v) ? "NaN" : (v > 0 ? "+Inf" : "-Inf"); }

    /** "(128, 10) float32 in [-3.2, 7.1]" with NaN/Inf counts when present. */
    public static String summary(Tensor t) {
        double[] v = t.toDoubleArray();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        int nan = 0, inf = 0;
        for (double x : v) {
            if (Double.isNaN(x)) nan++;
            else if (Double.isInfinite(x)) inf++;
            else { lo = Math.min(lo, x); hi = Math.max(hi, x); }
        }
        StringBuilder sb = new StringBuilder(Shapes.format(t.shape())).append(' ').append(t.dtype());
        if (lo <= hi) sb.append(" in [").append((float) lo).append(", ").append((float) hi).append(']');
        if (nan > 0) sb.append(", ").append(nan).append(" NaN");
        if (inf > 0) sb.append(", ").append(inf).append(" Inf");
        return sb.toString();
    }

    /** Index of the first NaN/Inf element in row-major order, or -1. */
    public static int firstNonFinite(Tensor t) {
        if (!t.isContiguous()) t = dev.nabla.tensor.Kernels.contiguousCopy(t);
        dev.nabla.tensor.Storage s = t.storage();
        int o = t.offset(), n = t.numel();
        if (s.f != null) {
            if (dev.nabla.tensor.kernel.FloatKernels.allFinite(s.f, o, n)) return -1; // the usual case, one fast pass
            for (int i = 0; i < n; i++) if (!Float.isFinite(s.f[o + i])) return i;
        } else {
            for (int i = 0; i < n; i++) if (!Double.isFinite(s.d[o + i])) return i;
        }
        return -1;
    }

    /**
     * Back-propagates {@code seed} (the gradient of some scalar with respect to {@code root}) through the
     * graph that produced {@code root}, accumulating into {@code grad()} of every leaf that requires a
     * gradient. A value used by several ops receives the sum over all paths. Unless {@code retainGraph},
     * each visited node's saved state is released afterwards.
     */
    public static void backward(Tensor root, Tensor seed, boolean retainGraph, BackwardListener listener) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: the tensor " + Shapes.format(root.shape())
                    + " does not require grad and has no grad_fn (did you forget requiresGrad(true), or compute it under noGrad()?)");
        }
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, seed);
        // Buffers this backward allocated, with how many pending gradients refer to each: a leaf may take
        // one over as its .grad instead of copying it when nothing else can see it (PyTorch's AccumulateGrad
        // steals a gradient whose reference count says the same), and a consumed buffer that no pending gradient
        // uses goes back to the BufferPool. A listener may keep gradients: no stealing, no recycling.
        GradientBuffers buffers = listener == null ? new GradientBuffers(Storage.allocationMark()) : null;
        boolean anomaly = ANOMALY.get();
        boolean wasInBackward = IN_BACKWARD.get();
        IN_BACKWARD.set(true);
        try (GradMode g = noGrad()) {
            for (int idx = order.size() - 1; idx >= 0; idx--) {
                Tensor t = order.get(idx);
                Tensor g0 = grads.remove(t);
                if (g0 == null) continue;
                Node node = t.gradFn();
                if (node == null) {
                    boolean taken = false;
                    if (t.requiresGrad()) {
                        if (buffers != null && buffers.exclusive(g0)) taken = t.takeGrad(g0);
                        else t.accumulateGrad(g0);
                    }
                    if (buffers != null && buffers.release(g0) && !taken) BufferPool.recycle(g0.storage());
                    continue;
                }
                if (t.retainsGrad()) t.accumulateGrad(g0);
                Tensor[] scratch = SCRATCH.get();
                scratch[0] = buffers != null && buffers.exclusive(g0) ? g0 : null;
                Tensor[] gi;
                try {
                    gi = node.runBackward(g0);
                } finally {
                    scratch[0] = null;
                }
                if (listener != null) listener.onNode(t, node, g0, gi);
                Tensor[] ins = node.inputs();
                for (int i = 0; i < ins.length; i++) {
                    if (gi[i] == null || !ins[i].requiresGrad()) continue;
                    if (!Shapes.same(gi[i].shape(), ins[i].shape())) {
                        throw new IllegalStateException("internal: backward of " + node.op() + " returned gradient "
                                + Shapes.format(gi[i].shape()) + " for input " + i + " of shape " + Shapes.format(ins[i].shape()));
                    }
                    if (anomaly && firstNonFinite(gi[i]) >= 0) {
                        throw new AnomalyException("anomaly: backward of '" + node.op() + "'"
                                + (node.scope().isEmpty() ? "" : " in module '" + node.scope() + "'")
                                + " produced a non-finite gradient for input " + i + " " + summary(gi[i])
                                + "; upstream gradient " + summary(g0) + "; inputs: " + summary(ins[i]));
                    }
                    Tensor prev = grads.get(ins[i]);
                    Tensor sum = prev == null ? gi[i] : prev.add(gi[i]);
                    grads.put(ins[i], sum);
                    if (buffers != null) {
                        buffers.hold(sum);
                        if (prev != null && buffers.release(prev)) BufferPool.recycle(prev.storage());
                    }
                }
                // Consumed, and no pending gradient uses its buffer: the buffer is dead, hand it back for reuse.
                if (buffers != null && buffers.release(g0)) BufferPool.recycle(g0.storage());
                if (!retainGraph) node.release();
            }
        } finally {
            IN_BACKWARD.set(wasInBackward);
        }
    }

    /** Every tensor reachable from {@code root} through grad_fn links, inputs before outputs (iterative DFS). */
    public static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.add(root);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Node node = t.gradFn();
            Tensor[] ins = node == null ? new Tensor[0] : node.inputs();
            if (next < ins.length) {
                frame[1] = next + 1;
                Tensor in = ins[next];
                if (visited.add(in)) stack.push(new Object[] {in, 0});
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    /**
     * Reference counts of the gradient buffers one backward pass allocated: how many pending gradients
     * (entries waiting to be consumed, views included) use each storage. A gradient is exclusive when its
     * storage was allocated during this pass (so no caller, forward value or saved tensor holds it), no
     * other pending gradient uses it, and it is a plain contiguous tensor covering the whole storage.
     */
    private static final class GradientBuffers {
        private final long mark;
        private final Map<Storage, int[]> refs = new IdentityHashMap<>();

        GradientBuffers(long mark) { this.mark = mark; }

        void hold(Tensor g) {
            refs.computeIfAbsent(g.storage(), k -> new int[1])[0]++;
        }

        /** Drops one reference; true when that was the last one to a buffer this pass allocated (it is now dead). */
        boolean release(Tensor g) {
            Storage s = g.storage();
            int[] c = refs.get(s);
            if (c != null && --c[0] <= 0) {
                refs.remove(s);
                return s.serial() > mark;
            }
            return false;
        }

        boolean exclusive(Tensor g) {
            Storage s = g.storage();
            int[] c = refs.get(s);
            return s.serial() > mark && c != null && c[0] == 1 && g.offset() == 0 && g.isContiguous()
                    && g.numel() == s.length();
        }
    }
}
