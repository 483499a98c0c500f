package dev.nabla.lessons;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.optim.SGD;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The worked example of the first seed tutorial (forward and back-propagation by hand), computed with
 * Nabla's own tensors and autograd: network 1-1-1, {@code z1 = w1·x + b1}, {@code a1 = σ(z1)},
 * {@code y_pred = w2·a1 + b2}, loss {@code (y_true − y_pred)²}, one SGD step.
 *
 * <p>The forward values are the tensors' values; the gradients are what {@code backward()} leaves in
 * {@code grad()} ({@code retainGrad()} keeps them on y_pred, a1 and z1); the activation's derivative
 * σ'(z1) is a separate backward of a1 with respect to z1; the update is {@link SGD#step()}. Each value
 * comes with the chain-rule formula that explains it, and {@link Result#chainRuleCheck()} evaluates
 * those formulas by hand to show they agree with autograd.
 *
 * <pre>{@code
 * Walkthrough.Result r = Walkthrough.run(Walkthrough.Config.seed());
 * r.lossNew();  // 0.09441896634677646
 * }</pre>
 */
public final class Walkthrough {
    private Walkthrough() {}

    /** The seed's own printed (4-decimal) figures that are off: y_pred, loss, new loss. */
    public static final double SEED_PRINTED_Y_PRED = 1.9899, SEED_PRINTED_LOSS = 0.2602, SEED_PRINTED_LOSS_NEW = 0.0940;

    /** The hidden activations the walkthrough accepts. */
    public static final List<String> ACTIVATIONS = List.of("sigmoid", "relu", "tanh");

    /** Output keys in the seed's order (the JSON keys of {@code nabla walkthrough --json}). */
    public static final List<String> KEYS = List.of("z1", "a1", "y_pred", "loss", "dL_dy_pred", "dL_dw2", "dL_db2",
            "dL_da1", "dsigma_dz1", "dL_dw1", "dL_db1", "w1_new", "b1_new", "w2_new", "b2_new", "y_pred_new",
            "loss_new", "loss_change");

    /**
     * Inputs of the walkthrough; {@link #seed()} gives the tutorial's.
     *
     * @param activation sigmoid, relu or tanh (hidden layer; the output is linear)
     * @param steps      number of SGD steps (≥ 1); the result shows the last
     */
    public record Config(double x, double yTrue, double w1, double b1, double w2, double b2, double lr,
                         String activation, int steps, DType dtype) {
        /** Validates: finite numbers, lr ≥ 0, steps in 1..1,000,000, a known activation. */
        public Config {
            double[] all = {x, yTrue, w1, b1, w2, b2, lr};
            String[] names = {"x", "y_true", "w1", "b1", "w2", "b2", "lr"};
            for (int i = 0; i < all.length; i++) {
                if (!Double.isFinite(all[i])) throw new IllegalArgumentException(names[i] + " must be a finite number, got " + all[i]);
            }
            if (lr < 0) throw new IllegalArgumentException("Invalid learning rate: " + lr + " (must be ≥ 0)");
            if (steps < 1 || steps > 1_000_000) throw new IllegalArgumentException("steps must be between 1 and 1000000, got " + steps);
            activation = activation == null ? "sigmoid" : activation.toLowerCase(Locale.ROOT);
            if (!ACTIVATIONS.contains(activation)) {
                throw new IllegalArgumentException("unknown activation '" + activation + "' (expected sigmoid, relu or tanh)");
            }
            if (dtype == null) dtype = DType.FLOAT64;
        }

        /** The tutorial's example: x 3, y_true 2.5, w1 2, b1 −1, w2 1.5, b2 0.5, lr 0.1, sigmoid, one step, float64. */
        public static Config seed() { return new Config(3.0, 2.5, 2.0, -1.0, 1.5, 0.5, 0.1, "sigmoid", 1, DType.FLOAT64); }

        /** Whether the numbers are the seed tutorial's (any dtype). */
        public boolean isSeedExample() {
            Config s = seed();
            return x == s.x && yTrue == s.yTrue && w1 == s.w1 && b1 == s.b1 && w2 == s.w2 && b2 == s.b2 && lr == s.lr
                    && activation.equals(s.activation) && steps == 1;
        }
    }

    /**
     * One value of the walkthrough.
     *
     * @param key     JSON key ("dL_dw2")
     * @param symbol  how the tutorial writes it ("∂L/∂w2")
     * @param formula the chain-rule formula that produced it ("∂L/∂y_pred · a1")
     * @param stage   forward, backward, update or check
     */
    public record Quantity(String key, String symbol, String formula, String stage, double value) {}

    /**
     * The walkthrough's values for the last step (all 18 keys), the loss of every step, and the
     * largest difference between autograd's gradients and the hand formulas evaluated on the same
     * forward values.
     */
    public record Result(Config config, List<Quantity> quantities, double[] losses, double chainRuleCheck) {
        /** The value of {@code key} (one of {@link #KEYS}). */
        public double get(String key) {
            for (Quantity q : quantities) if (q.key().equals(key)) return q.value();
            throw new IllegalArgumentException("no walkthrough value '" + key + "'");
        }

        /** Key → value in the seed's order. */
        public Map<String, Double> values() {
            Map<String, Double> m = new LinkedHashMap<>();
            for (Quantity q : quantities) m.put(q.key(), q.value());
            return m;
        }

        public double yPred() { return get("y_pred"); }

        public double loss() { return get("loss"); }

        public double lossNew() { return get("loss_new"); }
    }

    /** Runs the walkthrough for {@code c}. */
    public static Result run(Config c) {
        DType dt = c.dtype();
        UnaryOperator<Tensor> act = activation(c.activation());
        Tensor w1 = Tensor.scalar(c.w1(), dt).requiresGrad(true).name("w1");
        Tensor b1 = Tensor.scalar(c.b1(), dt).requiresGrad(true).name("b1");
        Tensor w2 = Tensor.scalar(c.w2(), dt).requiresGrad(true).name("w2");
        Tensor b2 = Tensor.scalar(c.b2(), dt).requiresGrad(true).name("b2");
        Tensor x = Tensor.scalar(c.x(), dt).name("x");
        Tensor yTrue = Tensor.scalar(c.yTrue(), dt).name("y_true");
        SGD opt = new SGD(List.of(w1, b1, w2, b2), c.lr());
        double[] losses = new double[c.steps()];
        List<Quantity> qs = null;
        double check = 0;
        for (int step = 0; step < c.steps(); step++) {
            double w2v = w2.item();
            opt.zeroGrad();
            // forward, keeping the gradients of the intermediate values
            Tensor z1 = w1.mul(x).add(b1).retainGrad();
            Tensor a1 = act.apply(z1).retainGrad();
            Tensor yPred = w2.mul(a1).add(b2).retainGrad();
            Tensor loss = yTrue.sub(yPred).pow(2);
            losses[step] = loss.item();
            loss.backward();
            // σ'(z1) = ∂a1/∂z1: its own backward, on a fresh leaf holding z1's value
            Tensor zLeaf = z1.detach().requiresGrad(true);
            act.apply(zLeaf).backward();
            double dAct = zLeaf.grad().item();

            double dLdy = yPred.grad().item(), dLda1 = a1.grad().item();
            double dLdw2 = w2.grad().item(), dLdb2 = b2.grad().item(), dLdw1 = w1.grad().item(), dLdb1 = b1.grad().item();
            opt.step();
            double yNew, lossNew;
            try (GradMode g = Autograd.noGrad()) {
                Tensor yp = w2.mul(act.apply(w1.mul(x).add(b1))).add(b2);
                yNew = yp.item();
                lossNew = yTrue.sub(yp).pow(2).item();
            }
            if (step == c.steps() - 1) {
                qs = quantities(c, z1.item(), a1.item(), yPred.item(), losses[step], dLdy, dLdw2, dLdb2, dLda1, dAct,
                        dLdw1, dLdb1, w1.item(), b1.item(), w2.item(), b2.item(), yNew, lossNew);
                // the chain-rule formulas evaluated by hand on the same forward values, against autograd
                double xv = c.x(), a1v = a1.item();
                double hDy = -2 * (c.yTrue() - yPred.item());
                double[] hand = {hDy, hDy * a1v, hDy, hDy * w2v, hDy * w2v * dAct * xv, hDy * w2v * dAct};
                double[] auto = {dLdy, dLdw2, dLdb2, dLda1, dLdw1, dLdb1};
                for (int i = 0; i < hand.length; i++) check = Math.max(check, Math.abs(hand[i] - auto[i]));
            }
        }
        return new Result(c, List.copyOf(qs), losses, check);
    }

    /** The activation function by name (sigmoid, relu, tanh). */
    static UnaryOperator<Tensor> activation(String name) {
        switch (name) {
            case "sigmoid": return Tensor::sigmoid;
            case "relu": return Tensor::relu;
            case "tanh": return Tensor::tanh;
            default: throw new IllegalArgumentException("unknown activation '" + name + "' (expected sigmoid, relu or tanh)");
        }
    }

    private static List<Quantity> quantities(Config c, double z1, double a1, double yPred, double loss, double dLdy,
                                             double dLdw2, double dLdb2, double dLda1, double dAct, double dLdw1,
                                             double dLdb1, double w1n, double b1n, double w2n, double b2n, double yNew,
                                             double lossNew) {
        String f, fDef, fPrime;
        switch (c.activation()) {
            case "relu": f = "ReLU"; fDef = "ReLU(z1) = max(0, z1)"; fPrime = "1 if z1 > 0 else 0"; break;
            case "tanh": f = "tanh"; fDef = "tanh(z1)"; fPrime = "1 − tanh²(z1)"; break;
            default: f = "σ"; fDef = "σ(z1) = 1/(1 + e^(−z1))"; fPrime = "σ(z1)·(1 − σ(z1))";
        }
        String d = f + "'(z1)";
        List<Quantity> q = new ArrayList<>();
        q.add(new Quantity("z1", "z1", "w1·x + b1", "forward", z1));
        q.add(new Quantity("a1", "a1", fDef, "forward", a1));
        q.add(new Quantity("y_pred", "y_pred", "w2·a1 + b2", "forward", yPred));
        q.add(new Quantity("loss", "L", "(y_true − y_pred)²", "forward", loss));
        q.add(new Quantity("dL_dy_pred", "∂L/∂y_pred", "−2·(y_true − y_pred)", "backward", dLdy));
        q.add(new Quantity("dL_dw2", "∂L/∂w2", "∂L/∂y_pred · a1", "backward", dLdw2));
        q.add(new Quantity("dL_db2", "∂L/∂b2", "∂L/∂y_pred · 1", "backward", dLdb2));
        q.add(new Quantity("dL_da1", "∂L/∂a1", "∂L/∂y_pred · w2", "backward", dLda1));
        q.add(new Quantity("dsigma_dz1", d, fPrime, "backward", dAct));
        q.add(new Quantity("dL_dw1", "∂L/∂w1", "∂L/∂a1 · " + d + " · x", "backward", dLdw1));
        q.add(new Quantity("dL_db1", "∂L/∂b1", "∂L/∂a1 · " + d + " · 1", "backward", dLdb1));
        q.add(new Quantity("w1_new", "w1'", "w1 − lr·∂L/∂w1", "update", w1n));
        q.add(new Quantity("b1_new", "b1'", "b1 − lr·∂L/∂b1", "update", b1n));
        q.add(new Quantity("w2_new", "w2'", "w2 − lr·∂L/∂w2", "update", w2n));
        q.add(new Quantity("b2_new", "b2'", "b2 − lr·∂L/∂b2", "update", b2n));
        q.add(new Quantity("y_pred_new", "y_pred'", "w2'·" + f + "(w1'·x + b1') + b2'", "check", yNew));
        q.add(new Quantity("loss_new", "L'", "(y_true − y_pred')²", "check", lossNew));
        q.add(new Quantity("loss_change", "ΔL", "L' − L", "check", lossNew - loss));
        return q;
    }
}
