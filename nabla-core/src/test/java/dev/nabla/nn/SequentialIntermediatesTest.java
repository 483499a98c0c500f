package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.GraphReleasedException;
import dev.nabla.Rng;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.loss.CrossEntropyLoss;
import dev.nabla.optim.SGD;
import dev.nabla.tensor.BufferPool;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link Sequential} hands its intermediate results' arrays to the buffer pool at the next forward once backward
 * has finished with them: the training values do not change (the reused arrays are dirty, so an op that relied on
 * fresh zeroed memory would show here), the arrays really are reused, and every case where something may still
 * need them keeps them: a retained or not yet used graph, {@code keepIntermediates}, a child that is not a
 * built-in layer, the forward's own input and output. Reading a reused intermediate fails loudly.
 */
class SequentialIntermediatesTest {
    // 64 rows × 256 hidden units = 16 384 elements: above BufferPool.MIN_ELEMENTS, so the arrays are pooled.
    private static final int ROWS = 64, IN = 32, HIDDEN = 256, CLASSES = 4;

    private static Sequential mlp(long seed) {
        return Mlp.of(IN + "," + HIDDEN + "," + HIDDEN + "," + CLASSES, "relu", Rng.seeded(seed));
    }

    private static Tensor batch(int step) { return Tensor.randn(1000 + step, ROWS, IN); }

    private static Tensor labels(Tensor x) { return x.narrow(1, 0, CLASSES).argmax(1); }

    /** Trains 6 SGD steps and returns every parameter value, in order. */
    private static float[] train(Sequential model) {
        SGD opt = new SGD(model.parameters(), 0.05, 0.9);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        for (int step = 0; step < 6; step++) {
            Tensor x = batch(step);
            opt.zeroGrad();
            ce.compute(model.forward(x), labels(x)).backward();
            opt.step();
        }
        int n = 0;
        for (Tensor p : model.parameters()) n += p.numel();
        float[] all = new float[n];
        int at = 0;
        for (Tensor p : model.parameters()) {
            float[] v = p.toFloatArray();
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        return all;
    }

    @Test
    void reusingIntermediatesChangesNoValue() {
        long mark = BufferPool.stats()[1];
        float[] reused = train(mlp(3));
        long reusedArrays = BufferPool.stats()[1] - mark;
        mark = BufferPool.stats()[1];
        float[] kept = train(mlp(3).keepIntermediates(true));
        long reusedWhenKept = BufferPool.stats()[1] - mark;
        assertArrayEquals(kept, reused, "weights after 6 steps with and without reused intermediates");
        // steps 2-6 take the hidden activations' arrays from the pool (gradients are pooled either way, so the
        // difference is what the activations add: 8 here, 30 against 22; without the reuse 20 against 22)
        assertTrue(reusedArrays >= reusedWhenKept + 5, "pool hand-outs: " + reusedArrays + " against " + reusedWhenKept + " when kept");
    }

    @Test
    void aReusedIntermediateFailsLoudlyWhenReadThroughTheGraph() {
        Sequential model = mlp(4);
        Tensor x = batch(0);
        Tensor out = model.forward(x);
        Tensor hidden = out.gradFn().inputs()[0]; // the second hidden layer's output, saved by the last Linear
        assertEquals(HIDDEN, hidden.size(1));
        float first = hidden.toFloatArray()[0];
        new CrossEntropyLoss().compute(out, labels(x)).backward();
        assertEquals(first, hidden.toFloatArray()[0], "valid until the next forward");
        model.forward(batch(1));
        GraphReleasedException e = assertThrows(GraphReleasedException.class, hidden::toFloatArray);
        assertTrue(e.getMessage().contains("intermediate result of a Sequential") && e.getMessage().contains("keepIntermediates"), e.getMessage());
        assertThrows(GraphReleasedException.class, () -> hidden.get(0, 0));
        assertEquals(ROWS * CLASSES, out.toFloatArray().length, "the output stays valid");
        assertEquals(ROWS * IN, x.toFloatArray().length, "the input stays valid");
    }

    /** The hidden output of the last forward of {@code model}, reached through the graph or by a module. */
    private static Tensor hiddenOf(Tensor out) { return out.gradFn().inputs()[0]; }

    @Test
    void keptWhileTheGraphMayStillNeedThem() {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        // no backward yet: a second forward (two inputs through one model, as a siamese network) frees nothing
        Sequential model = mlp(5);
        Tensor a = model.forward(batch(0));
        Tensor hiddenA = hiddenOf(a);
        Tensor b = model.forward(batch(1));
        ce.compute(a, labels(batch(0))).add(ce.compute(b, labels(batch(1)))).backward();
        assertEquals(ROWS * HIDDEN, hiddenA.toFloatArray().length, "its graph had not run backward at the second forward");
        // retained graph: a second backward may still need them
        Tensor c = model.forward(batch(2));
        Tensor hiddenC = hiddenOf(c);
        Tensor loss = ce.compute(c, labels(batch(2)));
        loss.backward(Tensor.onesLike(loss), true);
        model.forward(batch(3));
        assertEquals(ROWS * HIDDEN, hiddenC.toFloatArray().length, "retained graph");
        loss.backward(Tensor.onesLike(loss), false); // still possible: nothing was reused
        // keepIntermediates
        Sequential kept = mlp(6).keepIntermediates(true);
        Tensor d = kept.forward(batch(4));
        Tensor hiddenD = hiddenOf(d);
        ce.compute(d, labels(batch(4))).backward();
        kept.forward(batch(5));
        assertEquals(ROWS * HIDDEN, hiddenD.toFloatArray().length, "keepIntermediates(true)");
    }

    /** An Activation subclass that is not one of the built-in ones: it might keep its input. */
    static final class Remembering extends Activation {
        Tensor last;
        Remembering() { super("remembering", UnaryOperator.identity()); }
        @Override public Tensor forward(Tensor x) { last = x; return x.relu(); }
    }

    @Test
    void aChildThatMayKeepReferencesTurnsTheReuseOff() {
        Remembering spy = new Remembering();
        Sequential model = new Sequential(new Linear(IN, HIDDEN, Rng.seeded(1)), spy, new Linear(HIDDEN, CLASSES, Rng.seeded(2)));
        Tensor x = batch(0);
        new CrossEntropyLoss().compute(model.forward(x), labels(x)).backward();
        Tensor kept = spy.last;
        model.forward(batch(1));
        assertEquals(ROWS * HIDDEN, kept.toFloatArray().length);
    }

    @Test
    void theInputAndTheOutputAreNeverReused() {
        // Identity first: the first "intermediate" is the input itself; Dropout in eval mode last: the output is the
        // last intermediate itself
        Sequential model = new Sequential(new Activation.Identity(), new Linear(IN, HIDDEN, Rng.seeded(1)), new Activation.ReLU(),
                new Linear(HIDDEN, HIDDEN, Rng.seeded(2)), new Dropout(0.5));
        model.eval();
        Tensor x = batch(0);
        Tensor out = model.forward(x);
        out.sum().backward();
        model.forward(batch(1));
        assertEquals(ROWS * IN, x.toFloatArray().length, "input");
        assertEquals(ROWS * HIDDEN, out.toFloatArray().length, "output");
        // a model applied to its own previous output
        Sequential twice = new Sequential(new Linear(IN, HIDDEN, Rng.seeded(3)), new Activation.ReLU(), new Linear(HIDDEN, IN, Rng.seeded(4)));
        Tensor y1 = twice.forward(x);
        y1.sum().backward();
        float[] y1Values = y1.toFloatArray();
        Tensor y2 = twice.forward(y1);
        assertArrayEquals(y1Values, y1.toFloatArray(), "the previous output, now the input");
        assertEquals(ROWS * IN, y2.toFloatArray().length);
        // a model applied to one of its own previous intermediates, reached through the graph
        Sequential square = new Sequential(new Linear(HIDDEN, HIDDEN, Rng.seeded(5)), new Activation.ReLU(),
                new Linear(HIDDEN, HIDDEN, Rng.seeded(6)), new Activation.ReLU(), new Linear(HIDDEN, HIDDEN, Rng.seeded(7)));
        Tensor z = square.forward(Tensor.randn(9, ROWS, HIDDEN));
        z.sum().backward();
        Tensor inner = hiddenOf(z);
        float[] innerValues = inner.toFloatArray();
        square.forward(inner);
        assertArrayEquals(innerValues, inner.toFloatArray(), "an intermediate passed back in as the input");
    }

    @Test
    void underNoGradTheIntermediatesAreReusedAtTheNextForward() {
        Sequential model = mlp(7);
        long reusedBefore = BufferPool.stats()[1];
        float[] first, again;
        try (GradMode g = Autograd.noGrad()) {
            first = model.forward(batch(0)).toFloatArray();
            for (int i = 1; i < 4; i++) model.forward(batch(i));
            again = model.forward(batch(0)).toFloatArray();
        }
        assertArrayEquals(first, again, "same input, same output, whatever memory the intermediates used");
        assertTrue(BufferPool.stats()[1] - reusedBefore >= 3, "no array was reused");
        assertFalse(first.length == 0);
    }
}
