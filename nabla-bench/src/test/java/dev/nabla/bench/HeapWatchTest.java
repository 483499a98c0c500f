package dev.nabla.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** HeapWatch's live peak includes an array the code holds across a collection, and stays a one-moment figure. */
class HeapWatchTest {
    @Test
    void liveHeapIncludesWhatIsHeldAcrossACollection() throws InterruptedException {
        long mb = 1 << 20;
        try (HeapWatch w = HeapWatch.start()) {
            byte[] held = new byte[(int) (64 * mb)];
            held[held.length - 1] = 1;
            System.gc(); // a full collection: its report says 64 MB survived
            for (int i = 0; i < 50 && w.liveBytes() < 64 * mb; i++) Thread.sleep(20); // reports arrive on another thread
            assertTrue(held[held.length - 1] == 1);
            assertTrue(w.liveBytes() >= 64 * mb, "live " + w.liveBytes() / mb + " MB should include the 64 MB array");
            assertTrue(w.peakBytes() >= w.liveBytes(), "the peak (garbage included) is at least the live peak");
            // The live peak is a peak of one moment, not a sum of pools: it stays below the whole heap's capacity.
            assertTrue(w.liveBytes() <= Runtime.getRuntime().maxMemory(), "live " + w.liveBytes() + " within -Xmx");
        }
    }
}
