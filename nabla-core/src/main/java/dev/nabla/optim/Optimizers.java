package dev.nabla.optim;

import dev.nabla.Tensor;
import java.util.List;
import java.util.Locale;

/** Builds an optimizer by name for the CLI: "sgd", "adam", "adamw", "rmsprop". */
public final class Optimizers {
    private Optimizers() {}

    public static final List<String> NAMES = List.of("sgd", "adam", "adamw", "rmsprop");

    public static Optimizer byName(String name, List<Tensor> params, double lr, double momentum, double weightDecay) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "sgd": return new SGD(params, lr, momentum, 0, weightDecay, false);
            case "adam": return new Adam(params, lr, 0.9, 0.999, 1e-8, weightDecay, false);
            case "adamw": return new AdamW(params, lr, 0.9, 0.999, 1e-8, weightDecay == 0 ? 0.01 : weightDecay);
            case "rmsprop": return new RMSprop(params, lr, 0.99, 1e-8, weightDecay, momentum, false);
            default: throw new IllegalArgumentException("unknown optimizer '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
        }
    }
}
