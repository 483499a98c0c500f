package dev.nabla.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

/** {@link MlpPhases} on a small synthetic set: every phase is timed, and the phases fit inside the epoch's wall time. */
class MlpPhasesTest {

    @Test
    void phasesArePositiveAndSumToAtMostTheEpoch() {
        Tensor[] d = MlpThroughput.syntheticMnist(1024, 3);
        long[][] r = MlpPhases.run(MlpThroughput.dataset(d[0], d[1]), "784,16,10", 2, 0);
        assertEquals(2, r.length);
        for (long[] epoch : r) {
            assertEquals(MlpPhases.PHASES.length + 1, epoch.length);
            long sum = 0;
            for (int p = 1; p < epoch.length; p++) {
                assertTrue(epoch[p] > 0, MlpPhases.PHASES[p - 1] + " was not timed");
                sum += epoch[p];
            }
            assertTrue(sum <= epoch[0], "phases " + sum + " ns exceed the epoch's " + epoch[0] + " ns");
        }
    }
}
