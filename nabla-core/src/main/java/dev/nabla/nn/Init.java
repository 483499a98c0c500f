package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import java.util.random.RandomGenerator;

/**
 * Weight initialisers with PyTorch's formulas ({@code torch.nn.init}), filling a tensor in place.
 * fan_in = size(1)·receptive field, fan_out = size(0)·receptive field for a weight (out, in, ...).
 * <ul>
 * <li>Xavier/Glorot (Glorot &amp; Bengio 2010): uniform ±gain·√(6/(fan_in+fan_out)), normal std gain·√(2/(fan_in+fan_out)).
 * <li>He/Kaiming (He et al. 2015): uniform ±gain·√(3/fan), normal std gain/√fan, gain √2 for ReLU.
 * <li>Constants and explicit values (the tutorial's w1 = 2.0).
 * </ul>
 */
public final class Init {
    private Init() {}

    /** Gain for a nonlinearity as {@code torch.nn.init.calculate_gain}. */
    public static double gain(String nonlinearity) {
        switch (nonlinearity) {
            case "relu": return Math.sqrt(2.0);
            case "tanh": return 5.0 / 3;
            case "leaky_relu": return Math.sqrt(2.0 / (1 + 0.01 * 0.01));
            case "sigmoid": case "linear": case "identity": return 1.0;
            default: throw new IllegalArgumentException("gain: unknown nonlinearity '" + nonlinearity + "'");
        }
    }

    static int[] fans(Tensor t) {
        int[] s = t.shape();
        if (s.length < 2) throw new IllegalArgumentException("fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions " + dev.nabla.tensor.Shapes.format(s));
        int rf = 1;
        for (int i = 2; i < s.length; i++) rf *= s[i];
        return new int[] {s[1] * rf, s[0] * rf};
    }

    public static Tensor xavierUniform(Tensor t, double gain, RandomGenerator rng) {
        int[] f = fans(t);
        double a = gain * Math.sqrt(6.0 / (f[0] + f[1]));
        return uniform(t, -a, a, rng);
    }

    public static Tensor xavierNormal(Tensor t, double gain, RandomGenerator rng) {
        int[] f = fans(t);
        return normal(t, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), rng);
    }

    /** He uniform with fan_in (mode "fan_in") for the given nonlinearity. */
    public static Tensor kaimingUniform(Tensor t, String nonlinearity, RandomGenerator rng) {
        double bound = gain(nonlinearity) * Math.sqrt(3.0 / fans(t)[0]);
        return uniform(t, -bound, bound, rng);
    }

    /** He normal with fan_in for the given nonlinearity. */
    public static Tensor kaimingNormal(Tensor t, String nonlinearity, RandomGenerator rng) {
        return normal(t, 0, gain(nonlinearity) / Math.sqrt(fans(t)[0]), rng);
    }

    public static Tensor uniform(Tensor t, double lo, double hi, RandomGenerator rng) {
        return assign(t, Tensor.rand(rng, t.dtype(), t.shape()).mul(hi - lo).add(lo));
    }

    public static Tensor normal(Tensor t, double mean, double std, RandomGenerator rng) {
        return assign(t, Tensor.randn(rng, t.dtype(), t.shape()).mul(std).add(mean));
    }

    public static Tensor constant(Tensor t, double value) {
        try (GradMode g = Autograd.noGrad()) {
            return t.fill(value);
        }
    }

    public static Tensor zeros(Tensor t) { return constant(t, 0); }

    /** Sets explicit values in row-major order (count must equal numel). */
    public static Tensor values(Tensor t, double... values) {
        if (values.length != t.numel()) {
            throw new IllegalArgumentException("values: " + values.length + " values for a tensor of shape " + dev.nabla.tensor.Shapes.format(t.shape()));
        }
        return assign(t, Tensor.of(t.dtype(), values).reshape(t.shape()));
    }

    private static Tensor assign(Tensor t, Tensor v) {
        try (GradMode g = Autograd.noGrad()) {
            return t.copyFrom(v.detach());
        }
    }
}
