package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Node;
import dev.nabla.tensor.BufferPool;
import dev.nabla.tensor.Storage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Modules applied one after another, as {@code torch.nn.Sequential}; children are named "0", "1", ...
 * so parameters are "0.weight", "0.bias", ... exactly as in a PyTorch state_dict.
 *
 * <p>Intermediate results (each child's output but the last) are never handed to the caller. When every child is
 * a built-in layer that keeps no reference to them ({@link Linear}, the {@link Activation}s, {@link Dropout}), the
 * next {@code forward} hands their arrays back to the {@link BufferPool} once nothing can need them: the graph that
 * saved them went through {@code backward()} without {@code retainGraph} (or there was no graph, as under
 * {@code noGrad}). The next forward then writes its activations to memory still in cache instead of fresh heap (MNIST
 * epochs 1–3% faster), as PyTorch frees the values a graph saved once backward has used them. Reading such a tensor
 * afterwards (through the graph's {@code Node.inputs()}) fails with a {@link dev.nabla.GraphReleasedException};
 * {@link #keepIntermediates(boolean)} turns the reuse off.
 */
public final class Sequential extends Module {
    private final int size;
    /** Every child is a built-in layer that keeps no reference to its input or output. */
    private final boolean reusable;
    private volatile boolean keepIntermediates;
    /** The last forward's intermediates, freed by the next forward when their graph is done. */
    private final AtomicReference<Intermediates> pending = new AtomicReference<>();

    /**
     * One forward's intermediate storages (neither its input's nor its output's) and the graph nodes that saved
     * them: the nodes of every intermediate and of the output, null where there was no graph.
     */
    private record Intermediates(Storage[] storages, Node[] nodes) {
        boolean graphDone() {
            for (Node n : nodes) if (n != null && !n.isReleased()) return false;
            return true;
        }
    }

    private static final Set<Class<?>> KEEP_NO_REFERENCES = Set.of(Linear.class, Dropout.class, Activation.Sigmoid.class,
            Activation.ReLU.class, Activation.Tanh.class, Activation.GELU.class, Activation.Identity.class,
            Activation.LeakyReLU.class, Activation.Softmax.class);

    public Sequential(Module... modules) {
        boolean builtIn = true;
        for (int i = 0; i < modules.length; i++) {
            registerModule(Integer.toString(i), modules[i]);
            builtIn &= KEEP_NO_REFERENCES.contains(modules[i].getClass());
        }
        size = modules.length;
        reusable = builtIn;
    }

    public Sequential(List<? extends Module> modules) { this(modules.toArray(new Module[0])); }

    /** The i-th module. */
    public Module get(int i) { return children().get(Integer.toString(i)); }

    public int size() { return size; }

    /**
     * With {@code true}, intermediate results stay valid for as long as something refers to them (the graph, a
     * tool that walks it) instead of being reused by the next forward once backward has finished with them. Returns
     * this.
     */
    public Sequential keepIntermediates(boolean keep) {
        keepIntermediates = keep;
        if (keep) pending.set(null);
        return this;
    }

    /**
     * Runs the children in order. With {@link Fusion} on (the default), a {@link Linear} directly followed by a
     * {@link Activation.ReLU} runs as one {@code linearRelu} op in the Linear's scope: the same values, without
     * storing the pre-activation.
     */
    @Override public Tensor forward(Tensor x) {
        Intermediates previous = pending.getAndSet(null);
        if (previous != null) release(previous, x);
        boolean track = reusable && !keepIntermediates;
        Tensor[] chain = track ? new Tensor[size] : null;
        int links = 0;
        Tensor h = x;
        boolean fuse = Fusion.enabled();
        for (int i = 0; i < size; i++) {
            String name = Integer.toString(i);
            if (fuse && i + 1 < size && get(i) instanceof Linear lin && get(i + 1) instanceof Activation.ReLU) {
                Tensor in = h;
                h = Autograd.inScope(name, () -> lin.forwardRelu(in));
                i++;
            } else {
                h = callChild(name, h);
            }
            if (track) chain[links++] = h;
        }
        if (track && links > 1) pending.set(intermediates(chain, links, x, h));
        return h;
    }

    /** The storages of chain[0 .. links-1) that are neither x's nor out's, each once, and every chain link's node. */
    private static Intermediates intermediates(Tensor[] chain, int links, Tensor x, Tensor out) {
        Node[] nodes = new Node[links];
        Storage[] storages = new Storage[links - 1];
        int count = 0;
        Storage in = x.storage(), result = out.storage();
        for (int i = 0; i < links; i++) {
            nodes[i] = chain[i].gradFn();
            if (i == links - 1) break;
            Storage s = chain[i].storage();
            boolean seen = s == in || s == result;
            for (int j = 0; j < count && !seen; j++) seen = storages[j] == s;
            if (!seen) storages[count++] = s;
        }
        return new Intermediates(java.util.Arrays.copyOf(storages, count), nodes);
    }

    /** Hands {@code previous}'s arrays to the pool when its graph is done with them (x, the new input, excepted). */
    private static void release(Intermediates previous, Tensor x) {
        if (!previous.graphDone()) return;
        Storage in = x.storage();
        for (Storage s : previous.storages()) if (s != in) BufferPool.recycleAndRelease(s);
    }
}
