package dev.nabla.nn;

import dev.nabla.Tensor;
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

    @Override public Tensor forward(Tensor x) {
        Tensor h = x;
        for (int i = 0; i < size; i++) h = callChild(Integer.toString(i), h);
        return h;
    }
}
