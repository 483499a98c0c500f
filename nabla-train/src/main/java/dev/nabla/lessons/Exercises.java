package dev.nabla.lessons;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.loss.BCELoss;
import dev.nabla.loss.MSELoss;
import dev.nabla.loss.Reduction;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Init;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.SGD;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * The practice exercises of the seed tutorials, solved with Nabla and returned as data:
 * <ol>
 * <li>{@link #hiddenLayerOfTwo()} — the walkthrough with 2 hidden neurons (w1, b1, w2 of shape (2,)).
 * <li>{@link #reluVersusSigmoid()} — ReLU's derivative next to sigmoid's, and both networks trained on the same data.
 * <li>{@link #lineFit(double)} — a training loop on y = 2x + 1 + noise: loss per epoch, fitted line against the true one.
 * <li>{@link #learningRateStudy()} — exercise 3's task at lr 0.01, 0.1, 0.5, 1.0 with a {@link LossCurveVerdict} per curve.
 * <li>{@link #twoLayerClassifier()} — the second seed's x → ReLU(W₁x + b₁) → sigmoid(W₂a₁ + b₂) with binary
 *     cross-entropy: one step by hand-written chain rule checked against autograd, then SGD and Adam training.
 * </ol>
 * Every result has {@code toMap()} for JSON output. All numbers are float64 and seeded.
 */
public final class Exercises {
    private Exercises() {}

    /** Number of exercises. */
    public static final int COUNT = 5;

    private static final DType F64 = DType.FLOAT64;

    // ------------------------------------------------------------------ exercise 1

    /** Initial values of exercise 1: neuron 0 is the walkthrough's (w1 2, b1 −1, w2 1.5), neuron 1 is new. */
    public static final double[] EX1_W1 = {2.0, -0.5}, EX1_B1 = {-1.0, 1.0}, EX1_W2 = {1.5, 0.5};
    /** Output bias of exercise 1 (the walkthrough's b2). */
    public static final double EX1_B2 = 0.5;

    /** One hidden neuron's values and gradients in exercise 1. */
    public record Neuron(int index, double w1, double b1, double w2, double z1, double a1, double dLda1, double dSigmaDz1,
                         double dLdz1, double dLdw1, double dLdb1, double dLdw2, double w1New, double b1New, double w2New) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("neuron", index);
            m.put("w1", w1); m.put("b1", b1); m.put("w2", w2);
            m.put("z1", z1); m.put("a1", a1);
            m.put("dL_da1", dLda1); m.put("dsigma_dz1", dSigmaDz1); m.put("dL_dz1", dLdz1);
            m.put("dL_dw1", dLdw1); m.put("dL_db1", dLdb1); m.put("dL_dw2", dLdw2);
            m.put("w1_new", w1New); m.put("b1_new", b1New); m.put("w2_new", w2New);
            return m;
        }
    }

    /**
     * Exercise 1's result: the walkthrough's sample (x 3, y_true 2.5, lr 0.1) through a hidden layer of two
     * sigmoid neurons; {@code oneNeuronLossNew} is the walkthrough's loss after its step, for comparison.
     */
    public record HiddenTwo(double x, double yTrue, double lr, List<Neuron> neurons, double b2, double yPred, double loss,
                            double dLdyPred, double dLdb2, double b2New, double yPredNew, double lossNew,
                            int[] gradShapeW1, int[] shapeW1, double oneNeuronLoss, double oneNeuronLossNew) {
        /** The result as JSON-ready maps and lists. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("exercise", 1);
            m.put("x", x); m.put("y_true", yTrue); m.put("lr", lr);
            m.put("y_pred", yPred); m.put("loss", loss); m.put("dL_dy_pred", dLdyPred);
            m.put("b2", b2); m.put("dL_db2", dLdb2); m.put("b2_new", b2New);
            List<Object> ns = new ArrayList<>();
            for (Neuron n : neurons) ns.add(n.toMap());
            m.put("neurons", ns);
            m.put("w1_shape", shapeW1); m.put("dL_dw1_shape", gradShapeW1);
            m.put("y_pred_new", yPredNew); m.put("loss_new", lossNew); m.put("loss_change", lossNew - loss);
            m.put("one_neuron_loss", oneNeuronLoss); m.put("one_neuron_loss_new", oneNeuronLossNew);
            return m;
        }
    }

    /** Exercise 1: forward, backward (autograd) and one SGD step with two hidden neurons. */
    public static HiddenTwo hiddenLayerOfTwo() {
        double x = 3.0, yTrue = 2.5, lr = 0.1;
        Tensor w1 = Tensor.of(F64, EX1_W1).requiresGrad(true);
        Tensor b1 = Tensor.of(F64, EX1_B1).requiresGrad(true);
        Tensor w2 = Tensor.of(F64, EX1_W2).requiresGrad(true);
        Tensor b2 = Tensor.scalar(EX1_B2, F64).requiresGrad(true);
        Tensor xt = Tensor.scalar(x, F64), yt = Tensor.scalar(yTrue, F64);
        Tensor z1 = w1.mul(xt).add(b1).retainGrad();            // (2,)
        Tensor a1 = z1.sigmoid().retainGrad();                  // (2,)
        Tensor yPred = w2.mul(a1).sum().add(b2).retainGrad();   // w2·a1 + b2
        Tensor loss = yt.sub(yPred).pow(2);
        loss.backward();
        Tensor zLeaf = z1.detach().requiresGrad(true);
        zLeaf.sigmoid().sum().backward();                       // σ'(z1) elementwise
        double[] dAct = zLeaf.grad().toDoubleArray();
        double[] z = z1.toDoubleArray(), a = a1.toDoubleArray(), da = a1.grad().toDoubleArray(), dz = z1.grad().toDoubleArray();
        double[] gw1 = w1.grad().toDoubleArray(), gb1 = b1.grad().toDoubleArray(), gw2 = w2.grad().toDoubleArray();
        int[] gradShape = w1.grad().shape(), shape = w1.shape();
        double lossV = loss.item(), yPredV = yPred.item(), dLdy = yPred.grad().item(), dLdb2 = b2.grad().item();
        new SGD(List.of(w1, b1, w2, b2), lr).step();
        double yNew, lossNew;
        try (GradMode g = Autograd.noGrad()) {
            Tensor yp = w2.mul(w1.mul(xt).add(b1).sigmoid()).sum().add(b2);
            yNew = yp.item();
            lossNew = yt.sub(yp).pow(2).item();
        }
        double[] w1n = w1.toDoubleArray(), b1n = b1.toDoubleArray(), w2n = w2.toDoubleArray();
        List<Neuron> neurons = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            neurons.add(new Neuron(i, EX1_W1[i], EX1_B1[i], EX1_W2[i], z[i], a[i], da[i], dAct[i], dz[i], gw1[i], gb1[i], gw2[i],
                    w1n[i], b1n[i], w2n[i]));
        }
        Walkthrough.Result one = Walkthrough.run(Walkthrough.Config.seed());
        return new HiddenTwo(x, yTrue, lr, List.copyOf(neurons), EX1_B2, yPredV, lossV, dLdy, dLdb2, b2.item(), yNew, lossNew,
                gradShape, shape, one.loss(), one.lossNew());
    }

    // ------------------------------------------------------------------ exercise 2

    /** Points where exercise 2 tabulates the derivatives (0 included: ReLU'(0) is taken as 0, as in PyTorch). */
    public static final double[] EX2_Z = {-3, -1, -0.5, 0, 0.5, 1, 3, 5};

    /**
     * Exercise 2's result: σ'(z) and ReLU'(z) at {@link #EX2_Z} (from autograd), and the 1-1-1 network with the
     * walkthrough's initial weights trained on exercise 3's data with each activation: the loss per epoch.
     */
    public record ActivationCompare(double[] z, double[] sigmoidPrime, double[] reluPrime, double lr, int epochs,
                                    double[] sigmoidLosses, double[] reluLosses) {
        /** The result as JSON-ready maps and lists. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("exercise", 2);
            m.put("z", z); m.put("sigmoid_prime", sigmoidPrime); m.put("relu_prime", reluPrime);
            m.put("lr", lr); m.put("epochs", epochs);
            m.put("sigmoid_losses", sigmoidLosses); m.put("relu_losses", reluLosses);
            return m;
        }
    }

    /** Exercise 2: ReLU in place of sigmoid. */
    public static ActivationCompare reluVersusSigmoid() {
        double[] sp = derivative(Tensor::sigmoid, EX2_Z), rp = derivative(Tensor::relu, EX2_Z);
        double[][] d = lineData();
        int epochs = 100;
        double lr = 0.1;
        return new ActivationCompare(EX2_Z.clone(), sp, rp, lr, epochs, trainTiny(Tensor::sigmoid, d, lr, epochs),
                trainTiny(Tensor::relu, d, lr, epochs));
    }

    /** f'(z) elementwise from autograd: the gradient of Σ f(z). */
    static double[] derivative(UnaryOperator<Tensor> f, double[] z) {
        Tensor t = Tensor.of(F64, z).requiresGrad(true);
        f.apply(t).sum().backward();
        return t.grad().toDoubleArray();
    }

    /** The walkthrough's 1-1-1 network (init w1 2, b1 −1, w2 1.5, b2 0.5) by full-batch gradient descent, MSE. */
    static double[] trainTiny(UnaryOperator<Tensor> act, double[][] data, double lr, int epochs) {
        Tensor x = Tensor.of(F64, data[0]), y = Tensor.of(F64, data[1]);
        Tensor w1 = Tensor.scalar(2.0, F64).requiresGrad(true), b1 = Tensor.scalar(-1.0, F64).requiresGrad(true);
        Tensor w2 = Tensor.scalar(1.5, F64).requiresGrad(true), b2 = Tensor.scalar(0.5, F64).requiresGrad(true);
        SGD opt = new SGD(List.of(w1, b1, w2, b2), lr);
        MSELoss mse = new MSELoss();
        double[] losses = new double[epochs + 1];
        for (int e = 0; e <= epochs; e++) {
            opt.zeroGrad();
            Tensor loss = mse.compute(act.apply(x.mul(w1).add(b1)).mul(w2).add(b2), y);
            losses[e] = loss.item();
            if (e == epochs) break;
            loss.backward();
            opt.step();
        }
        return losses;
    }

    // ------------------------------------------------------------------ exercise 3

    /** Exercise 3's data: n points, x uniform in [0, 1), y = 2x + 1 + N(0, 0.1²), seed 42. */
    public static final int LINE_N = 64;
    /** Noise standard deviation of exercise 3's data. */
    public static final double LINE_NOISE = 0.1;
    /** Seed of exercise 3's data (the shuffling uses seed + 1). */
    public static final long LINE_SEED = 42;
    /** Epochs and mini-batch size of exercises 3 and 4. */
    public static final int LINE_EPOCHS = 100, LINE_BATCH = 16;

    /** The data of exercise 3 as {x[], y[]}. */
    public static double[][] lineData() { return LessonData.line(LINE_N, 0, 1, 2, 1, LINE_NOISE, LINE_SEED); }

    /**
     * Exercise 3's result: a one-neuron linear model y = w·x + b (Nabla's {@code Linear(1, 1)}, both weights
     * starting at 0) trained by mini-batch SGD on MSE; {@code losses[0]} is before training, then one loss
     * per epoch on all the data. The least-squares line of the same noisy points is the best any training can reach.
     */
    public record LineFit(int n, double noise, long seed, int epochs, int batchSize, double lr, double[] losses,
                          double w, double b, double trueW, double trueB, double lsW, double lsB, double lsLoss) {
        /** The result as JSON-ready maps and lists. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("exercise", 3);
            m.put("n", n); m.put("noise", noise); m.put("seed", seed);
            m.put("epochs", epochs); m.put("batch_size", batchSize); m.put("lr", lr);
            m.put("losses", losses);
            m.put("w", w); m.put("b", b); m.put("true_w", trueW); m.put("true_b", trueB);
            m.put("least_squares_w", lsW); m.put("least_squares_b", lsB); m.put("least_squares_loss", lsLoss);
            return m;
        }
    }

    /** Exercise 3 at learning rate {@code lr} (the exercise uses 0.1). */
    public static LineFit lineFit(double lr) { return lineFit(lr, LINE_EPOCHS); }

    /** Exercise 3 at learning rate {@code lr} for {@code epochs} epochs. Stops early once the loss is not finite. */
    public static LineFit lineFit(double lr, int epochs) {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be ≥ 1, got " + epochs);
        double[][] d = lineData();
        int n = d[0].length;
        Tensor x = Tensor.fromArray(d[0].clone(), n, 1), y = Tensor.fromArray(d[1].clone(), n, 1);
        Linear model = new Linear(1, 1, true, F64, new SplittableRandom(0));
        Init.zeros(model.weight());
        Init.zeros(model.bias());
        SGD opt = new SGD(model.parameters(), lr);
        MSELoss mse = new MSELoss();
        SplittableRandom shuffle = new SplittableRandom(LINE_SEED + 1);
        double[] losses = new double[epochs + 1];
        int done = 0;
        losses[done++] = fullLoss(model, mse, x, y);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int e = 0; e < epochs; e++) {
            for (int i = n - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i]; order[i] = order[j]; order[j] = t;
            }
            for (int s = 0; s < n; s += LINE_BATCH) {
                int[] idx = Arrays.copyOfRange(order, s, Math.min(n, s + LINE_BATCH));
                opt.zeroGrad();
                mse.compute(model.forward(x.indexSelect(0, idx)), y.indexSelect(0, idx)).backward();
                opt.step();
            }
            losses[done++] = fullLoss(model, mse, x, y);
            if (!Double.isFinite(losses[done - 1])) break;
        }
        double[] ls = leastSquares(d[0], d[1]);
        return new LineFit(n, LINE_NOISE, LINE_SEED, epochs, LINE_BATCH, lr, Arrays.copyOf(losses, done),
                model.weight().item(), model.bias().item(), 2, 1, ls[0], ls[1], ls[2]);
    }

    private static double fullLoss(Module m, MSELoss mse, Tensor x, Tensor y) {
        try (GradMode g = Autograd.noGrad()) {
            return mse.compute(m.forward(x), y).item();
        }
    }

    /** Ordinary least squares for one feature: {slope, intercept, mean squared error}. */
    static double[] leastSquares(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n; my /= n;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); }
        double w = sxy / sxx, b = my - w * mx, mse = 0;
        for (int i = 0; i < n; i++) { double r = w * x[i] + b - y[i]; mse += r * r; }
        return new double[] {w, b, mse / n};
    }

    // ------------------------------------------------------------------ exercise 4

    /** The learning rates of the seed's exercise 4. */
    public static final double[] STUDY_RATES = {0.01, 0.1, 0.5, 1.0};

    /** One learning rate's run in exercise 4: the curve and what {@link LossCurveVerdict} reads from it. */
    public record LrRun(double lr, LineFit fit, LossCurveVerdict.Assessment assessment) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("verdict", assessment.verdict().label());
            m.put("reason", assessment.reason());
            m.put("losses", fit.losses());
            m.put("final_loss", fit.losses()[fit.losses().length - 1]);
            m.put("w", fit.w()); m.put("b", fit.b());
            return m;
        }
    }

    /** Exercise 4's result: one run per rate in {@link #STUDY_RATES}. */
    public record LrStudy(List<LrRun> runs) {
        /** The result as JSON-ready maps and lists. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("exercise", 4);
            m.put("task", "y = 2x + 1 + noise, Linear(1, 1) from 0, mini-batch SGD (batch " + LINE_BATCH + "), "
                    + LINE_EPOCHS + " epochs");
            List<Object> rs = new ArrayList<>();
            for (LrRun r : runs) rs.add(r.toMap());
            m.put("runs", rs);
            return m;
        }
    }

    /** Exercise 4: exercise 3's task at each of {@link #STUDY_RATES}, same data, same shuffling, same start. */
    public static LrStudy learningRateStudy() {
        List<LrRun> runs = new ArrayList<>();
        for (double lr : STUDY_RATES) {
            LineFit f = lineFit(lr);
            runs.add(new LrRun(lr, f, LossCurveVerdict.assess(f.losses())));
        }
        return new LrStudy(List.copyOf(runs));
    }

    // ------------------------------------------------------------------ exercise 5

    /** Exercise 5's one-sample step: x = (1, 2), y = 1, and the explicit initial weights. */
    public static final double[] EX5_X = {1.0, 2.0};
    /** The label of exercise 5's sample. */
    public static final double EX5_Y = 1.0;
    /** W₁ (3 × 2, one row per hidden neuron), b₁ (3), W₂ (1 × 3), b₂ (1) of exercise 5's step. */
    public static final double[][] EX5_W1 = {{0.2, -0.4}, {-0.3, 0.1}, {0.5, 0.6}}, EX5_W2 = {{0.7, -0.2, 0.3}};
    /** b₁ and b₂ of exercise 5's step. */
    public static final double[] EX5_B1 = {0.1, 0.2, -0.1}, EX5_B2 = {0.05};
    /** Learning rate of exercise 5's hand step. */
    public static final double EX5_LR = 0.1;

    /**
     * A gradient of exercise 5 computed twice: by the hand chain rule and by autograd.
     *
     * @param formula the chain-rule formula used by hand
     */
    public record GradCompare(String name, String formula, int[] paramShape, int[] gradShape, double[] hand, double[] autograd,
                              double maxAbsDiff) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name); m.put("formula", formula);
            m.put("param_shape", paramShape); m.put("grad_shape", gradShape);
            m.put("hand", hand); m.put("autograd", autograd); m.put("max_abs_diff", maxAbsDiff);
            return m;
        }
    }

    /**
     * Exercise 5's result: the forward values of the one-sample step, each gradient by hand and by autograd, the
     * largest difference, whether every gradient has its parameter's shape, the loss after one SGD step done by
     * hand and by {@link SGD}, and two training runs (SGD, Adam) on two moons from the same start.
     */
    public record TwoLayer(double[] z1, double[] a1, double z2, double yHat, double loss, List<GradCompare> grads,
                           double maxAbsDiff, boolean shapesMatch, double lossAfterHandStep, double lossAfterOptimizerStep,
                           int trainN, int hidden, int epochs, double sgdLr, double adamLr, double[] sgdLosses,
                           double[] adamLosses, double sgdAccuracy, double adamAccuracy) {
        /** The result as JSON-ready maps and lists. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("exercise", 5);
            m.put("x", EX5_X); m.put("y", EX5_Y);
            m.put("z1", z1); m.put("a1", a1); m.put("z2", z2); m.put("y_hat", yHat); m.put("loss", loss);
            List<Object> gs = new ArrayList<>();
            for (GradCompare g : grads) gs.add(g.toMap());
            m.put("gradients", gs);
            m.put("max_abs_diff", maxAbsDiff);
            m.put("shapes_match", shapesMatch);
            m.put("loss_after_hand_step", lossAfterHandStep);
            m.put("loss_after_optimizer_step", lossAfterOptimizerStep);
            m.put("train_n", trainN); m.put("hidden", hidden); m.put("epochs", epochs);
            m.put("sgd_lr", sgdLr); m.put("adam_lr", adamLr);
            m.put("sgd_losses", sgdLosses); m.put("adam_losses", adamLosses);
            m.put("sgd_accuracy", sgdAccuracy); m.put("adam_accuracy", adamAccuracy);
            return m;
        }
    }

    /** Exercise 5: the second seed's two-layer classifier. */
    public static TwoLayer twoLayerClassifier() {
        // ---- by hand: plain arrays, one line per chain-rule step
        double[] x = EX5_X;
        double[][] w1 = EX5_W1, w2 = EX5_W2;
        double[] b1 = EX5_B1, b2 = EX5_B2;
        int h = w1.length, in = x.length;
        double[] z1 = new double[h], a1 = new double[h];
        for (int i = 0; i < h; i++) {
            z1[i] = b1[i];
            for (int j = 0; j < in; j++) z1[i] += w1[i][j] * x[j];       // z₁ = W₁x + b₁
            a1[i] = Math.max(0, z1[i]);                                    // a₁ = ReLU(z₁)
        }
        double z2 = b2[0];
        for (int i = 0; i < h; i++) z2 += w2[0][i] * a1[i];               // z₂ = W₂a₁ + b₂
        double yHat = 1 / (1 + Math.exp(-z2));                             // ŷ = σ(z₂)
        double loss = bce(yHat, EX5_Y);
        double dz2 = yHat - EX5_Y;                                         // ∂L/∂z₂ = ŷ − y
        double[] dW2 = new double[h], da1 = new double[h], dz1 = new double[h], dW1 = new double[h * in];
        for (int i = 0; i < h; i++) {
            dW2[i] = dz2 * a1[i];                                          // ∂L/∂W₂ = ∂L/∂z₂ · a₁ᵀ
            da1[i] = w2[0][i] * dz2;                                       // ∂L/∂a₁ = W₂ᵀ · ∂L/∂z₂
            dz1[i] = z1[i] > 0 ? da1[i] : 0;                               // ∂L/∂z₁ = ∂L/∂a₁ ⊙ 1[z₁ > 0]
            for (int j = 0; j < in; j++) dW1[i * in + j] = dz1[i] * x[j]; // ∂L/∂W₁ = ∂L/∂z₁ · xᵀ
        }
        double[] db1 = dz1.clone(), db2 = {dz2};                          // ∂L/∂b = ∂L/∂z

        // ---- by autograd: nn.Linear layers with the same weights, BCELoss on a batch of one
        Linear l1 = new Linear(in, h, true, F64, new SplittableRandom(0));
        Linear l2 = new Linear(h, 1, true, F64, new SplittableRandom(0));
        Init.values(l1.weight(), flat(w1));
        Init.values(l1.bias(), b1);
        Init.values(l2.weight(), flat(w2));
        Init.values(l2.bias(), b2);
        Tensor xt = Tensor.of(F64, new double[][] {x});
        Tensor yt = Tensor.of(F64, new double[][] {{EX5_Y}});
        BCELoss bceLoss = new BCELoss(Reduction.MEAN);
        Tensor lossT = bceLoss.compute(l2.forward(l1.forward(xt).relu()).sigmoid(), yt);
        lossT.backward();
        List<GradCompare> grads = new ArrayList<>();
        grads.add(compare("W1", "∂L/∂z₁ · xᵀ,  ∂L/∂z₁ = (W₂ᵀ · (ŷ − y)) ⊙ 1[z₁ > 0]", l1.weight(), dW1));
        grads.add(compare("b1", "∂L/∂z₁", l1.bias(), db1));
        grads.add(compare("W2", "(ŷ − y) · a₁ᵀ", l2.weight(), dW2));
        grads.add(compare("b2", "ŷ − y", l2.bias(), db2));
        double maxDiff = Math.abs(lossT.item() - loss);
        boolean shapes = true;
        for (GradCompare g : grads) {
            maxDiff = Math.max(maxDiff, g.maxAbsDiff());
            shapes &= Arrays.equals(g.paramShape(), g.gradShape());
        }
        // ---- one step: by hand, and by the optimizer
        double[][] w1n = new double[h][in], w2n = new double[1][h];
        double[] b1n = new double[h], b2n = {b2[0] - EX5_LR * db2[0]};
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < in; j++) w1n[i][j] = w1[i][j] - EX5_LR * dW1[i * in + j];
            b1n[i] = b1[i] - EX5_LR * db1[i];
            w2n[0][i] = w2[0][i] - EX5_LR * dW2[i];
        }
        double handLoss = bce(forwardByHand(x, w1n, b1n, w2n, b2n), EX5_Y);
        new SGD(concat(l1.parameters(), l2.parameters()), EX5_LR).step();
        double optLoss;
        try (GradMode g = Autograd.noGrad()) {
            optLoss = bceLoss.compute(l2.forward(l1.forward(xt).relu()).sigmoid(), yt).item();
        }
        // ---- training on two moons, SGD and Adam from the same start
        int n = 128, hidden = 8, epochs = 100;
        double sgdLr = 0.5, adamLr = 0.05;
        double[][] rows = LessonData.moons(n, 0.1, 5);
        Classifier sgd = trainMoons(rows, hidden, epochs, "sgd", sgdLr, 11);
        Classifier adam = trainMoons(rows, hidden, epochs, "adam", adamLr, 11);
        return new TwoLayer(z1, a1, z2, yHat, loss, List.copyOf(grads), maxDiff, shapes, handLoss, optLoss, n, hidden, epochs,
                sgdLr, adamLr, sgd.losses(), adam.losses(), sgd.accuracy(), adam.accuracy());
    }

    private static double bce(double p, double y) { return -(y * Math.log(p) + (1 - y) * Math.log(1 - p)); }

    private static double forwardByHand(double[] x, double[][] w1, double[] b1, double[][] w2, double[] b2) {
        double z2 = b2[0];
        for (int i = 0; i < w1.length; i++) {
            double z = b1[i];
            for (int j = 0; j < x.length; j++) z += w1[i][j] * x[j];
            z2 += w2[0][i] * Math.max(0, z);
        }
        return 1 / (1 + Math.exp(-z2));
    }

    private static GradCompare compare(String name, String formula, Tensor param, double[] hand) {
        double[] auto = param.grad().toDoubleArray();
        double d = 0;
        for (int i = 0; i < hand.length; i++) d = Math.max(d, Math.abs(hand[i] - auto[i]));
        if (auto.length != hand.length) d = Double.POSITIVE_INFINITY;
        return new GradCompare(name, formula, param.shape(), param.grad().shape(), hand, auto, d);
    }

    private static double[] flat(double[][] m) {
        int c = m[0].length;
        double[] out = new double[m.length * c];
        for (int i = 0; i < m.length; i++) System.arraycopy(m[i], 0, out, i * c, c);
        return out;
    }

    private static List<Tensor> concat(List<Tensor> a, List<Tensor> b) {
        List<Tensor> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** A trained two-moons classifier: loss per epoch ({@code losses[0]} before training) and final accuracy. */
    record Classifier(double[] losses, double[] accuracies, double accuracy) {}

    /**
     * The second seed's network 2 → hidden (ReLU) → 1 (sigmoid), binary cross-entropy, full-batch training with
     * "sgd" or "adam"; weights drawn from {@code initSeed} (PyTorch's default Linear initialisation).
     */
    static Classifier trainMoons(double[][] rows, int hidden, int epochs, String optimizer, double lr, long initSeed) {
        int n = rows.length;
        double[] xs = new double[n * 2], ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[2 * i] = rows[i][0];
            xs[2 * i + 1] = rows[i][1];
            ys[i] = rows[i][2];
        }
        Tensor x = Tensor.fromArray(xs, n, 2), y = Tensor.fromArray(ys, n, 1);
        SplittableRandom init = new SplittableRandom(initSeed);
        Sequential net = new Sequential(List.of(new Linear(2, hidden, true, F64, init), new Activation.ReLU(),
                new Linear(hidden, 1, true, F64, init), new Activation.Sigmoid()));
        Optimizer opt = optimizer.equals("adam") ? new Adam(net.parameters(), lr) : new SGD(net.parameters(), lr);
        BCELoss bce = new BCELoss(Reduction.MEAN);
        double[] losses = new double[epochs + 1], acc = new double[epochs + 1];
        for (int e = 0; e <= epochs; e++) {
            opt.zeroGrad();
            Tensor p = net.forward(x);
            Tensor loss = bce.compute(p, y);
            losses[e] = loss.item();
            acc[e] = accuracy(p, ys);
            if (e == epochs) break;
            loss.backward();
            opt.step();
        }
        return new Classifier(losses, acc, acc[epochs]);
    }

    /** Fraction of rows whose probability falls on the label's side of 0.5. */
    static double accuracy(Tensor p, double[] labels) {
        double[] pv = p.toDoubleArray();
        int ok = 0;
        for (int i = 0; i < labels.length; i++) if ((pv[i] > 0.5 ? 1 : 0) == labels[i]) ok++;
        return (double) ok / labels.length;
    }
}
