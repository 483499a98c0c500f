package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each advisor rule against constructed histories that must and must not trigger it. */
class AdvisorTest {
    /** An epoch with the given loss and per-layer gradient norms (input first), update ratio and dead share. */
    private static Diagnostics.EpochRecord epoch(int e, double loss, double[] grads, double ratio, double dead) {
        List<Diagnostics.LayerStats> ls = new ArrayList<>();
        for (int i = 0; i < grads.length; i++) {
            ls.add(new Diagnostics.LayerStats(Integer.toString(2 * i), i + 1 < grads.length ? "relu" : "identity", grads[i], 1.0, ratio,
                    i + 1 < grads.length ? dead : Double.NaN, Double.NaN));
        }
        return new Diagnostics.EpochRecord(e, loss, ls);
    }

    private static List<Diagnostics.EpochRecord> run(double[] losses, double[] grads, double ratio, double dead) {
        List<Diagnostics.EpochRecord> h = new ArrayList<>();
        for (int i = 0; i < losses.length; i++) h.add(epoch(i + 1, losses[i], grads, ratio, dead));
        return h;
    }

    private static Set<Advice.Kind> kinds(List<Diagnostics.EpochRecord> h) {
        return new Advisor().advise(h).stream().map(Advice::kind).collect(Collectors.toSet());
    }

    private static final double[] HEALTHY_GRADS = {0.5, 0.8, 1.0, 1.2};
    private static final double[] FALLING = {1.0, 0.7, 0.5, 0.4, 0.33, 0.28, 0.24, 0.21, 0.19, 0.17};

    @Test void healthyRunHasNoWarnings() {
        assertEquals(Set.of(), kinds(run(FALLING, HEALTHY_GRADS, 1e-3, 0.1)));
    }

    @Test void vanishing() {
        assertTrue(kinds(run(FALLING, new double[] {1e-7, 1e-5, 1e-3, 1e-1}, 1e-3, 0)).contains(Advice.Kind.VANISHING_GRADIENTS));
        assertFalse(kinds(run(FALLING, new double[] {0.05, 0.1, 0.5, 1.0}, 1e-3, 0)).contains(Advice.Kind.VANISHING_GRADIENTS));
    }

    @Test void exploding() {
        double[] nan = {1.0, 3.0, 50.0, 1e6, Double.NaN};
        Set<Advice.Kind> k = kinds(run(nan, HEALTHY_GRADS, 1e-3, 0));
        assertTrue(k.contains(Advice.Kind.EXPLODING_GRADIENTS));
        assertTrue(k.contains(Advice.Kind.LEARNING_RATE_TOO_HIGH));
        assertTrue(kinds(run(FALLING, new double[] {1e4, 1e2, 1, 0.1}, 1e-3, 0)).contains(Advice.Kind.EXPLODING_GRADIENTS));
        List<Diagnostics.EpochRecord> growing = new ArrayList<>();
        for (int i = 0; i < 6; i++) growing.add(epoch(i + 1, FALLING[i], new double[] {Math.pow(10, i), Math.pow(10, i)}, 1e-3, 0));
        assertTrue(kinds(growing).contains(Advice.Kind.EXPLODING_GRADIENTS));
        assertFalse(kinds(run(FALLING, HEALTHY_GRADS, 1e-3, 0)).contains(Advice.Kind.EXPLODING_GRADIENTS));
    }

    @Test void deadRelus() {
        assertTrue(kinds(run(FALLING, HEALTHY_GRADS, 1e-3, 0.8)).contains(Advice.Kind.DEAD_RELUS));
        assertFalse(kinds(run(FALLING, HEALTHY_GRADS, 1e-3, 0.2)).contains(Advice.Kind.DEAD_RELUS));
        // all-dead layers have zero gradients: that is reported as dead ReLUs, not as vanishing gradients
        Set<Advice.Kind> k = kinds(run(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, new double[] {0, 0, 0, 0.3}, 0, 1.0));
        assertTrue(k.contains(Advice.Kind.DEAD_RELUS));
        assertFalse(k.contains(Advice.Kind.VANISHING_GRADIENTS));
        assertFalse(k.contains(Advice.Kind.LEARNING_RATE_TOO_LOW));
    }

    @Test void learningRateTooHigh() {
        assertTrue(kinds(run(new double[] {1.0, 1.4, 2.0, 2.5, 3.1}, HEALTHY_GRADS, 1e-2, 0)).contains(Advice.Kind.LEARNING_RATE_TOO_HIGH));
        double[] osc = {1.0, 0.6, 0.9, 0.5, 0.95, 0.55, 1.0, 0.6, 0.98, 0.62, 1.0};
        assertTrue(kinds(run(osc, HEALTHY_GRADS, 1e-2, 0)).contains(Advice.Kind.LEARNING_RATE_TOO_HIGH));
        assertFalse(kinds(run(FALLING, HEALTHY_GRADS, 1e-3, 0)).contains(Advice.Kind.LEARNING_RATE_TOO_HIGH));
    }

    @Test void learningRateTooLow() {
        double[] flat = {0.640, 0.639, 0.638, 0.637, 0.636, 0.635};
        assertTrue(kinds(run(flat, HEALTHY_GRADS, 1e-5, 0)).contains(Advice.Kind.LEARNING_RATE_TOO_LOW));
        // the same flat loss with healthy updates is not a low rate
        assertFalse(kinds(run(flat, HEALTHY_GRADS, 1e-3, 0)).contains(Advice.Kind.LEARNING_RATE_TOO_LOW));
        assertFalse(kinds(run(FALLING, HEALTHY_GRADS, 1e-5, 0)).contains(Advice.Kind.LEARNING_RATE_TOO_LOW));
    }

    @Test void plateau() {
        double[] p = {1.0, 0.6, 0.4, 0.3, 0.25, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2};
        assertTrue(kinds(run(p, HEALTHY_GRADS, 1e-3, 0)).contains(Advice.Kind.LOSS_PLATEAU));
        assertFalse(kinds(run(FALLING, HEALTHY_GRADS, 1e-3, 0)).contains(Advice.Kind.LOSS_PLATEAU));
    }
}
