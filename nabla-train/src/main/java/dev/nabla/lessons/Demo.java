package dev.nabla.lessons;

import java.util.Map;
import java.util.LinkedHashMap;

/**
 * The demo of {@code nabla demo}: first the seed's worked example ({@link Walkthrough}), then the second
 * seed's two-layer network — 2 inputs → ReLU hidden layer → sigmoid output, binary cross-entropy, Adam —
 * trained full-batch on a seeded two-moons set, with the loss and accuracy of every epoch. Runs in well
 * under a second of compute at the default size.
 *
 * <pre>{@code Demo.Result r = Demo.run(Demo.Config.defaults()); r.finalAccuracy(); }</pre>
 */
public final class Demo {
    private Demo() {}

    /**
     * Settings of the classifier part.
     *
     * @param points number of two-moons points (half per class)
     * @param noise  Gaussian noise std of the points
     * @param hidden hidden-layer width
     * @param epochs full-batch Adam steps
     * @param lr     Adam learning rate
     * @param seed   seed of the data and of the initial weights
     */
    public record Config(int points, double noise, int hidden, int epochs, double lr, long seed) {
        /** Validates the ranges. */
        public Config {
            if (points < 4 || points > 1_000_000) throw new IllegalArgumentException("points must be between 4 and 1000000, got " + points);
            if (!(noise >= 0) || Double.isInfinite(noise)) throw new IllegalArgumentException("noise must be ≥ 0, got " + noise);
            if (hidden < 1 || hidden > 4096) throw new IllegalArgumentException("hidden must be between 1 and 4096, got " + hidden);
            if (epochs < 1 || epochs > 100_000) throw new IllegalArgumentException("epochs must be between 1 and 100000, got " + epochs);
            if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("Invalid learning rate: " + lr);
        }

        /** 200 points, noise 0.15, 16 hidden units, 200 epochs, lr 0.05, seed 7. */
        public static Config defaults() { return new Config(200, 0.15, 16, 200, 0.05, 7); }
    }

    /**
     * The demo's results.
     *
     * @param losses     BCE loss before training ({@code [0]}) and after each epoch's step is taken at the next index
     * @param accuracies training accuracy at the same points
     */
    public record Result(Walkthrough.Result walkthrough, Config config, double[] losses, double[] accuracies) {
        /** Accuracy after the last epoch. */
        public double finalAccuracy() { return accuracies[accuracies.length - 1]; }

        /** Loss after the last epoch. */
        public double finalLoss() { return losses[losses.length - 1]; }

        /** The classifier part as JSON-ready maps and lists. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("points", config.points()); m.put("noise", config.noise()); m.put("hidden", config.hidden());
            m.put("epochs", config.epochs()); m.put("lr", config.lr()); m.put("seed", config.seed());
            m.put("losses", losses); m.put("accuracies", accuracies);
            m.put("final_loss", finalLoss()); m.put("final_accuracy", finalAccuracy());
            return m;
        }
    }

    /** Runs the walkthrough (seed example) and trains the classifier. */
    public static Result run(Config c) {
        Walkthrough.Result w = Walkthrough.run(Walkthrough.Config.seed());
        double[][] rows = LessonData.moons(c.points(), c.noise(), c.seed());
        Exercises.Classifier cl = Exercises.trainMoons(rows, c.hidden(), c.epochs(), "adam", c.lr(), c.seed() + 1);
        return new Result(w, c, cl.losses(), cl.accuracies());
    }
}
