package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import java.util.List;

/**
 * Modules applied one after another, as {@code torch.nn.Sequential}; children are named "0", "1", ...
 * so parameters are "0.weight", "0.bias", ... exactly as in a PyTorch state_dict.
 */
public final class Sequential extends Module {
    private final int size;

    public Sequential(Module... modules) {
        for (int i = 0; i < modules.length; i++) registerModule(Integer.toString(i), modules[i]);
        size = modules.length;
    }

    public Sequential(List<? extends Module> modules) { this(modules.toArray(new Module[0])); }

    /** The i-th module. */
    public Module get(int i) { return children().get(Integer.toString(i)); }

    public int size() { return size; }

    /**
     * Runs the children in order. With {@link Fusion} on (the default), a {@link Linear} directly followed by a
     * {@link Activation.ReLU} runs as one {@code linearRelu} op in the Linear's scope: the same values, without
     * storing the pre-activation.
     */
    @Override public Tensor forward(Tensor x) {
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
        }
        return h;
    }
}
