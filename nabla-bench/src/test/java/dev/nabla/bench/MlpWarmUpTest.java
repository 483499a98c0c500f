package dev.nabla.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's warm-up policy ({@link MlpThroughput#warmUp(java.util.function.IntConsumer, LongSupplier,
 * LongSupplier, int, int, int, long)}) on scripted clocks: each epoch takes 1000 ms of wall time, and the JIT compiles as
 * much as the script says during it. Expected counts worked out by hand from the rule (quiet: under 5% of the
 * epoch, i.e. under 50 ms; at least {@code min} epochs, at most {@code max}).
 */
class MlpWarmUpTest {

    /** Runs the policy with epochs of 1000 ms that each compile {@code perEpochMs[i]} ms (the last value repeats). */
    private static int run(long[] perEpochMs, boolean jitKnown, int min, int max) {
        return run(perEpochMs, jitKnown, min, max, 1, 0);
    }

    /** As above, with {@code stepsPerEpoch} steps an epoch and at least {@code minSteps} steps of warm-up. */
    private static int run(long[] perEpochMs, boolean jitKnown, int min, int max, int stepsPerEpoch, long minSteps) {
        long[] clockNs = {0};
        long[] compiled = {0};
        int[] epochs = {0};
        LongSupplier clock = () -> clockNs[0];
        LongSupplier jit = () -> compiled[0];
        return MlpThroughput.warmUp(e -> {
            assertEquals(epochs[0]++, e, "epochs are numbered from 0 in order");
            clockNs[0] += 1_000_000_000L;
            compiled[0] += perEpochMs[Math.min(e, perEpochMs.length - 1)];
        }, jitKnown ? jit : null, clock, min, max, stepsPerEpoch, minSteps);
    }

    @Test
    void stopsAtTheFirstQuietEpochAfterTheMinimum() {
        // compile ms per epoch: 2000, 500, 200, 60, 49 -> epoch 5 (49 < 50) is the first quiet one
        assertEquals(5, run(new long[] {2000, 500, 200, 60, 49, 0}, true, 2, 8));
        // exactly 5% is not quiet (strictly under): 50 ms, then 10 ms
        assertEquals(4, run(new long[] {2000, 50, 50, 10}, true, 2, 8));
    }

    @Test
    void aQuietFirstEpochStillRunsTheMinimum() {
        assertEquals(2, run(new long[] {0}, true, 2, 8));
        // quiet in epoch 1 only, then busy again, then quiet: the first quiet epoch at or after the minimum counts
        assertEquals(4, run(new long[] {10, 300, 300, 10}, true, 2, 8));
    }

    @Test
    void neverQuietStopsAtTheMaximum() {
        assertEquals(8, run(new long[] {2000, 500}, true, 2, 8));
        assertEquals(1, run(new long[] {2000}, true, 1, 1));
    }

    @Test
    void withoutCompilationTimeItRunsFive() {
        assertEquals(5, run(new long[] {0}, false, 2, 8));
        assertEquals(3, run(new long[] {0}, false, 2, 3), "never more than the maximum");
    }

    @Test
    void runsAtLeastTheStepsTheJitNeedsForPerStepCode() {
        // MNIST: 468 steps an epoch; 5000 steps need ceil(5000 / 468) = 11 epochs, quiet from epoch 3 on
        assertEquals(11, run(new long[] {2000, 500, 10}, true, 2, 14, 468, 5000));
        // the per-step code's compile wave in epoch 11 (300 ms), quiet again in epoch 12
        assertEquals(12, run(new long[] {2000, 500, 10, 10, 10, 10, 10, 10, 10, 10, 300, 10}, true, 2, 14, 468, 5000));
        // the maximum still wins; and no steps asked: the plain rule
        assertEquals(8, run(new long[] {2000, 500, 10}, true, 2, 8, 468, 5000));
        assertEquals(3, run(new long[] {2000, 500, 10}, true, 2, 14, 468, 0));
        // without compilation time: the steps' 11 epochs, as they exceed 5
        assertEquals(11, run(new long[] {0}, false, 2, 14, 468, 5000));
    }

    @Test
    void theJitThresholdIsReadFromTheRunningJvm() {
        // HotSpot's defaults: Tier4InvocationThreshold 5000 × CompileThresholdScaling 1.0 (surefire sets neither)
        assertEquals(5000, MlpThroughput.jitInvocationThreshold());
    }
}
