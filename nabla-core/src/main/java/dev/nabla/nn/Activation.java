package dev.nabla.nn;

import dev.nabla.Tensor;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A parameter-free elementwise layer (Sigmoid, ReLU, Tanh, LeakyReLU, GELU, Identity) and the lookup
 * of activations by name for the CLI ("sigmoid", "relu", "tanh", "leaky_relu", "gelu", "identity").
 */
public class Activation extends Module {
    private final String name;
    private final UnaryOperator<Tensor> f;

    protected Activation(String name, UnaryOperator<Tensor> f) {
        this.name = name;
        this.f = f;
    }

    /** The activation's name as the CLI spells it. */
    public String name() { return name; }

    @Override public Tensor forward(Tensor x) { return f.apply(x); }

    @Override protected String describe() { return getClass().getSimpleName() + "()"; }

    /** The names {@link #byName} accepts. */
    public static final java.util.List<String> NAMES = java.util.List.of("sigmoid", "relu", "tanh", "leaky_relu", "gelu", "identity");

    /** An activation module by name; an unknown name gets an error listing the known ones. */
    public static Activation byName(String name) {
        switch (name.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "sigmoid": return new Sigmoid();
            case "relu": return new ReLU();
            case "tanh": return new Tanh();
            case "leaky_relu": case "leakyrelu": return new LeakyReLU(0.01);
            case "gelu": return new GELU();
            case "identity": case "linear": case "none": return new Identity();
            default: throw new IllegalArgumentException("unknown activation '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
        }
    }

    /** σ(x) = 1/(1+e^−x). */
    public static final class Sigmoid extends Activation { public Sigmoid() { super("sigmoid", Tensor::sigmoid); } }

    /** max(0, x). */
    public static final class ReLU extends Activation { public ReLU() { super("relu", Tensor::relu); } }

    /** tanh(x). */
    public static final class Tanh extends Activation { public Tanh() { super("tanh", Tensor::tanh); } }

    /** x·Φ(x), exact. */
    public static final class GELU extends Activation { public GELU() { super("gelu", Tensor::gelu); } }

    /** x (no-op), for a linear output layer. */
    public static final class Identity extends Activation { public Identity() { super("identity", x -> x); } }

    /** x for x &gt; 0, slope·x otherwise (PyTorch default slope 0.01). */
    public static final class LeakyReLU extends Activation {
        private final double slope;

        public LeakyReLU(double slope) {
            super("leaky_relu", x -> x.leakyRelu(slope));
            this.slope = slope;
        }

        @Override protected String describe() { return "LeakyReLU(negative_slope=" + slope + ")"; }
    }

    /** Softmax over a dimension. */
    public static final class Softmax extends Activation {
        private final int dim;

        public Softmax(int dim) {
            super("softmax", x -> x.softmax(dim));
            this.dim = dim;
        }

        @Override protected String describe() { return "Softmax(dim=" + dim + ")"; }
    }
}
