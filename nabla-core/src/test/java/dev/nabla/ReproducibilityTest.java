package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.loss.CrossEntropyLoss;
import dev.nabla.nn.Mlp;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.tensor.Parallel;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Same seed → bit-identical weights, run after run and whatever the kernels' thread count; and a soak
 * run whose heap (measured after GC every epoch) does not grow.
 */
class ReproducibilityTest {

    static float[] train(long seed, int threads, int epochs) {
        int prev = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            Tensor x = Tensor.randn(seed, 256, 64);
            Tensor y = x.narrow(1, 0, 3).argmax(1); // a learnable labelling
            Sequential model = Mlp.of("64,96,80,3", "relu", Rng.seeded(seed));
            Adam opt = new Adam(model.parameters(), 1e-2);
            CrossEntropyLoss ce = new CrossEntropyLoss();
            for (int e = 0; e < epochs; e++) {
                for (int s = 0; s < 256; s += 64) {
                    opt.zeroGrad();
                    ce.compute(model.forward(x.narrow(0, s, 64)), y.narrow(0, s, 64)).backward();
                    opt.step();
                }
            }
            List<Float> all = new ArrayList<>();
            for (Tensor p : model.parameters()) for (float v : p.toFloatArray()) all.add(v);
            float[] out = new float[all.size()];
            for (int i = 0; i < out.length; i++) out[i] = all.get(i);
            return out;
        } finally {
            Parallel.setThreads(prev);
        }
    }

    @Test
    void sameSeedGivesBitIdenticalWeights() {
        assertArrayEquals(train(3, 2, 3), train(3, 2, 3), 0f);
    }

    @Test
    void threadCountDoesNotChangeResults() {
        float[] one = train(5, 1, 2);
        assertArrayEquals(one, train(5, 2, 2), 0f);
        assertArrayEquals(one, train(5, 3, 2), 0f);
    }

    @Test
    void heapDoesNotGrowOverFiftyEpochs() {
        int epochs = Boolean.getBoolean("nabla.long") ? 500 : 50;
        Tensor x = Tensor.randn(1, 512, 32);
        Tensor y = x.narrow(1, 0, 4).argmax(1);
        Sequential model = Mlp.of("32,64,4", "relu", Rng.seeded(1));
        Adam opt = new Adam(model.parameters(), 1e-2);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        long[] heap = new long[epochs];
        for (int e = 0; e < epochs; e++) {
            for (int s = 0; s < 512; s += 32) {
                opt.zeroGrad();
                ce.compute(model.forward(x.narrow(0, s, 32)), y.narrow(0, s, 32)).backward();
                opt.step();
            }
            System.gc();
            heap[e] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        // medians, so that a transient allocation by another thread of the test JVM does not count
        long early = median(java.util.Arrays.copyOfRange(heap, 5, 15));
        long late = median(java.util.Arrays.copyOfRange(heap, epochs - 10, epochs));
        // the graph and its buffers are released: no per-epoch growth beyond GC noise (4 MB)
        assertTrue(late - early < 4L << 20, "heap grew from " + early + " to " + late + " bytes");
    }

    @Test
    void eachStepsGraphIsCollectable() {
        Sequential model = Mlp.of("8,16,2", "relu", Rng.seeded(2));
        Adam opt = new Adam(model.parameters(), 1e-2);
        List<java.lang.ref.WeakReference<Tensor>> refs = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            Tensor x = Tensor.randn(s, 4, 8);
            Tensor logits = model.forward(x);
            Tensor loss = new CrossEntropyLoss().compute(logits, Tensor.of(0, 1, 1, 0));
            refs.add(new java.lang.ref.WeakReference<>(logits));
            refs.add(new java.lang.ref.WeakReference<>(loss));
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        for (int i = 0; i < 5 && refs.stream().anyMatch(r -> r.get() != null); i++) System.gc();
        assertTrue(refs.stream().allMatch(r -> r.get() == null), "a step's graph is still reachable after training moved on");
    }

    private static long median(long[] v) {
        long[] c = v.clone();
        java.util.Arrays.sort(c);
        return c[c.length / 2];
    }
}
