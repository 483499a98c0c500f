package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

/**
 * float32 overflow in the softmax / log / exp paths is prevented by the stable formulations
 * (max-subtraction, log-sum-exp, {@code max(x,0) − x·y + log(1+e^−|x|)}): logits of ±1e4 and ±1e30,
 * far past where {@code exp} overflows float32 (~88.7), give finite, correct values and gradients.
 */
class LargeLogitsTest {
    private static final float[] LOGITS = {1e4f, -1e4f, 0f, 1e30f, -1e30f, 50f};

    private static void assertAllFinite(String what, Tensor t) {
        for (float v : t.toFloatArray()) assertTrue(Float.isFinite(v), what + " has a non-finite value: " + t);
    }

    @Test
    void softmaxOfHugeLogitsIsAFiniteDistributionWithFiniteGradients() {
        Tensor z = Tensor.fromArray(LOGITS.clone(), 2, 3).requiresGrad(true);
        assertEquals(DType.FLOAT32, z.dtype());
        Tensor p = z.softmax(1);
        float[] pv = p.toFloatArray();
        assertAllFinite("softmax", p);
        assertEquals(1f, pv[0], 0f); // e^(1e4 − 1e4) / (1 + e^−2e4 + e^−1e4)
        assertEquals(0f, pv[1], 0f);
        assertEquals(1f, pv[3], 0f);
        assertEquals(1f, pv[0] + pv[1] + pv[2], 1e-6f);
        p.mul(Tensor.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)).sum().backward();
        assertAllFinite("softmax gradient", z.grad());
    }

    @Test
    void logSoftmaxOfHugeLogitsIsFiniteWithFiniteGradients() {
        Tensor z = Tensor.fromArray(LOGITS.clone(), 2, 3).requiresGrad(true);
        Tensor ls = z.logSoftmax(1);
        float[] v = ls.toFloatArray();
        assertAllFinite("logSoftmax", ls);
        assertEquals(0f, v[0], 0f);
        assertEquals(-2e4f, v[1], 1f);
        assertEquals(-1e4f, v[2], 1f);
        assertEquals(-2e30f, v[4], 1e24f);
        ls.sum().backward();
        assertAllFinite("logSoftmax gradient", z.grad());
    }

    @Test
    void crossEntropyOfHugeLogitsIsFiniteAndExact() {
        Tensor z = Tensor.fromArray(LOGITS.clone(), 2, 3).requiresGrad(true);
        // sample 0 predicts class 0 with probability 1 (loss 0); sample 1 gets class 1 at −1e30 (loss 2e30)
        Tensor ce = new CrossEntropyLoss().compute(z, Tensor.of(0, 1));
        assertEquals(DType.FLOAT32, ce.dtype());
        assertEquals(1e30, ce.item(), 1e24);
        ce.backward();
        assertAllFinite("cross-entropy gradient", z.grad());
        float[] g = z.grad().toFloatArray(); // (softmax − onehot) / N
        assertEquals(0f, g[0], 1e-7f);
        assertEquals(-0.5f, g[4], 1e-7f);
        assertEquals(0.5f, g[3], 1e-7f);
    }

    @Test
    void bceWithLogitsOfHugeLogitsIsFiniteAndExact() {
        Tensor x = Tensor.fromArray(new float[] {1e4f, -1e4f, 1e30f, -1e30f, 1e4f, -1e4f}, 6).requiresGrad(true);
        Tensor y = Tensor.fromArray(new float[] {1, 0, 1, 0, 0, 1}, 6);
        Tensor per = new BCEWithLogitsLoss(Reduction.NONE).compute(x, y);
        float[] l = per.toFloatArray();
        assertAllFinite("BCE-with-logits", per);
        for (int i = 0; i < 4; i++) assertEquals(0f, l[i], 0f, "confident and right: loss 0 at " + i);
        assertEquals(1e4f, l[4], 1e-3f); // confident and wrong: loss |x|, not inf
        assertEquals(1e4f, l[5], 1e-3f);
        new BCEWithLogitsLoss(Reduction.MEAN).compute(x, y).backward();
        assertAllFinite("BCE-with-logits gradient", x.grad());
        float[] g = x.grad().toFloatArray(); // (σ(x) − y) / N
        assertEquals(0f, g[0], 0f);
        assertEquals(1f / 6, g[4], 1e-7f);
        assertEquals(-1f / 6, g[5], 1e-7f);
    }
}
