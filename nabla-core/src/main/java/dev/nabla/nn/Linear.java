package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Rng;
import dev.nabla.ShapeMismatchException;
import dev.nabla.Tensor;
import dev.nabla.tensor.Shapes;
import java.util.random.RandomGenerator;

/**
 * Fully connected layer {@code y = x·Wᵀ + b}, as {@code torch.nn.Linear}.
 *
 * <p>Shapes: input (*, in), output (*, out). Weight (out, in) — one row per output neuron, as the
 * tutorial and PyTorch store it; bias (out). Initialisation as PyTorch: W and b uniform in
 * [−1/√in, 1/√in]. Use {@link Init} to replace it (e.g. exact tutorial values).
 * <pre>{@code var layer = new Linear(784, 256); Tensor y = layer.forward(x); // (B, 784) -> (B, 256)}</pre>
 */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final boolean hasBias;

    public Linear(int in, int out) { this(in, out, true, DType.FLOAT32, Rng.global()); }

    public Linear(int in, int out, RandomGenerator rng) { this(in, out, true, DType.FLOAT32, rng); }

    public Linear(int in, int out, boolean bias, DType dtype, RandomGenerator rng) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException("Linear: in and out must be positive, got in=" + in + ", out=" + out);
        this.in = in;
        this.out = out;
        this.hasBias = bias;
        double bound = 1.0 / Math.sqrt(in);
        registerParameter("weight", Tensor.rand(rng, dtype, out, in).mul(2 * bound).sub(bound).detach());
        if (bias) registerParameter("bias", Tensor.rand(rng, dtype, out).mul(2 * bound).sub(bound).detach());
    }

    public Tensor weight() { return param("weight"); }

    /** The bias, or null when built without one. */
    public Tensor bias() { return hasBias ? param("bias") : null; }

    public int inFeatures() { return in; }

    public int outFeatures() { return out; }

    /**
     * {@code x·Wᵀ + b}. With {@link Fusion} on (the default) one {@code linear} autograd node; with it off, the
     * textbook pair {@code matmul} then {@code add}. Same values either way.
     */
    @Override public Tensor forward(Tensor x) {
        checkInput(x);
        if (Fusion.enabled()) return x.linear(weight(), bias());
        Tensor y = x.matmul(weight().t());
        return hasBias ? y.add(bias()) : y;
    }

    private void checkInput(Tensor x) {
        if (x.dim() == 0 || x.size(-1) != in) {
            throw new ShapeMismatchException("Linear(in=" + in + ", out=" + out + "): input " + Shapes.format(x.shape())
                    + " must end in " + in + " features");
        }
    }

    /** {@code relu(forward(x))} as one fused op (see {@link Fusion}); {@link Sequential} calls it for Linear, ReLU. */
    Tensor forwardRelu(Tensor x) {
        checkInput(x);
        return x.linearRelu(weight(), bias());
    }

    @Override protected String describe() { return "Linear(in=" + in + ", out=" + out + ", bias=" + hasBias + ")"; }
}
