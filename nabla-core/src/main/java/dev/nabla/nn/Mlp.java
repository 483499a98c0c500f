package dev.nabla.nn;

import dev.nabla.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Builds the multi-layer perceptrons the tutorials and the CLI use: {@code Mlp.of("784,256,10", "relu", rng)}
 * gives Sequential(Linear(784,256), ReLU, Linear(256,10)) — hidden layers get the activation, the output
 * layer stays linear (losses take logits). Names are PyTorch's: "0.weight", "2.weight", ...
 */
public final class Mlp {
    private Mlp() {}

    /** Parses "2,3,1" into layer widths, with a clear message on bad input. */
    public static int[] parseLayers(String spec) {
        String[] parts = spec.split(",");
        if (parts.length < 2) throw new IllegalArgumentException("layers '" + spec + "': need at least an input and an output width, e.g. 2,3,1");
        int[] w = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                w[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("layers '" + spec + "': '" + parts[i] + "' is not a whole number");
            }
            if (w[i] <= 0) throw new IllegalArgumentException("layers '" + spec + "': widths must be positive");
        }
        return w;
    }

    public static Sequential of(String layers, String activation, RandomGenerator rng) {
        return of(parseLayers(layers), activation, DType.FLOAT32, rng);
    }

    public static Sequential of(int[] widths, String activation, DType dtype, RandomGenerator rng) {
        Activation.byName(activation); // validate early
        List<Module> mods = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            mods.add(new Linear(widths[i], widths[i + 1], true, dtype, rng));
            if (i + 2 < widths.length) mods.add(Activation.byName(activation));
        }
        return new Sequential(mods);
    }
}
