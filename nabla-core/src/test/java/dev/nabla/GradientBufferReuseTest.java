package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.loss.CrossEntropyLoss;
import dev.nabla.nn.Mlp;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.SGD;
import dev.nabla.tensor.BufferPool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gradient-buffer reuse of the backward engine and zeroGrad (BufferPool): recycled memory never changes
 * a value anyone can still see, and training where zeroGrad recycles every gradient is bit-identical to
 * training where each gradient is handed out (so none of them is recycled). Expected
 * gradients are derived by hand: d/dw Σ(x·w) = x, d/da Σ(a + a) = 2, d/da Σ(reshape(a)·c) = c.
 */
class GradientBufferReuseTest {
    private static final int N = 128 * 128; // above BufferPool.MIN_ELEMENTS, so these buffers are pooled

    private static float[] filled(float v) {
        float[] a = new float[N];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void aGradientHandedOutKeepsItsValuesAcrossZeroGradAndTheNextBackward() {
        Tensor w = Tensor.zeros(N).requiresGrad(true);
        Tensor.fromArray(filled(3f), N).mul(w).sum().backward();
        Tensor held = w.grad();
        w.zeroGrad();
        for (int step = 0; step < 3; step++) { // later backwards may reuse any recycled buffer
            Tensor.fromArray(filled(5f + step), N).mul(w).sum().backward();
            assertArrayEquals(filled(5f + step), w.peekGrad().toFloatArray(), "grad of Σ(x·w) is x");
            w.zeroGrad();
        }
        assertArrayEquals(filled(3f), held.toFloatArray(), "the gradient handed out by grad() must not change");
    }

    @Test
    void aGradientNobodyWasHandedIsRecycledAndTheNextOneIsStillExact() {
        Tensor w = Tensor.zeros(N).requiresGrad(true);
        long before = BufferPool.stats()[0];
        for (int step = 0; step < 4; step++) {
            Tensor.fromArray(filled(step + 1f), N).mul(w).sum().backward();
            assertArrayEquals(filled(step + 1f), w.peekGrad().toFloatArray(), "step " + step);
            w.zeroGrad(); // never handed out: goes back to the pool
        }
        assertTrue(BufferPool.stats()[0] > before, "zeroGrad recycled the unshared gradients");
    }

    @Test
    void passThroughAndViewGradientsAreNotRecycledWhileStillPending() {
        Tensor a = Tensor.zeros(N).requiresGrad(true);
        a.add(a).sum().backward(); // add's backward returns the same buffer for both inputs
        assertArrayEquals(filled(2f), a.grad().toFloatArray());
        Tensor b = Tensor.zeros(N).requiresGrad(true);
        Tensor c = Tensor.fromArray(filled(7f), 128, 128);
        // reshape's backward is a view of its upstream gradient; a second use of b adds another path
        b.reshape(128, 128).mul(c).sum().add(b.mul(Tensor.fromArray(filled(1f), N)).sum()).backward();
        assertArrayEquals(filled(8f), b.grad().toFloatArray());
    }

    @Test
    void trainingWhereZeroGradRecyclesIsBitIdenticalToTrainingThatKeepsEveryGradient() {
        float[] recycled = train(false), fresh = train(true);
        assertArrayEquals(fresh, recycled);
    }

    /**
     * Eight SGD-momentum steps of a 64-128-128-10 MLP. With {@code handOut} every step takes grad() of each
     * parameter (so zeroGrad may not recycle them) and checks at the end that none of them changed since.
     */
    private static float[] train(boolean handOut) {
        Tensor x = Tensor.randn(11, 128, 64);
        Tensor y = x.narrow(1, 0, 10).argmax(1);
        Sequential model = Mlp.of("64,128,128,10", "relu", Rng.seeded(3));
        SGD opt = new SGD(model.parameters(), 0.05, 0.9);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        List<Tensor> kept = new ArrayList<>();
        List<float[]> keptValues = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            opt.zeroGrad();
            ce.compute(model.forward(x), y).backward();
            if (handOut) {
                for (Tensor p : model.parameters()) {
                    kept.add(p.grad());
                    keptValues.add(p.grad().toFloatArray());
                }
            }
            opt.step();
        }
        List<Float> all = new ArrayList<>();
        for (Tensor p : model.parameters()) for (float v : p.toFloatArray()) all.add(v);
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) out[i] = all.get(i);
        for (int i = 0; i < kept.size(); i++) assertArrayEquals(keptValues.get(i), kept.get(i).toFloatArray(), "handed-out gradient " + i);
        return out;
    }
}
