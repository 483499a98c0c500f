package dev.nabla.bench;

import dev.nabla.Tensor;
import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.Dataset;
import dev.nabla.loss.CrossEntropyLoss;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.SGD;
import java.util.Iterator;
import java.util.Locale;

/**
 * Where a training step's time goes: the loop of {@link MlpThroughput} with {@code System.nanoTime} around each
 * phase (next batch, zeroGrad, forward, loss, backward, optimizer step), summed per epoch. Compare a phase with the
 * same call timed alone to find work that is slower inside training than it should be: that is how the
 * subnormal momentum buffers were found (docs/PERFORMANCE.md, "sixth session").
 * <p>{@code MlpPhases [layers] [epochs] [MNIST dir]}: prints the last three epochs (the first ones include JIT
 * warm-up); synthetic MNIST-shaped data without a directory.
 */
public final class MlpPhases {
    private MlpPhases() {}

    /** Phase names, in the order of the step. */
    static final String[] PHASES = {"next batch", "zeroGrad", "forward", "loss", "backward", "step"};

    /** Trains {@code epochs} epochs and returns, per epoch, the wall time then the summed ns of each phase. */
    public static long[][] run(Dataset data, String layers, int epochs, long seed) {
        Sequential model = MlpThroughput.model(layers, seed);
        SGD opt = MlpThroughput.optimizer(model);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        DataLoader loader = new DataLoader(data, 128).shuffle(seed).dropLast(true);
        long[][] out = new long[epochs][PHASES.length + 1];
        for (int e = 0; e < epochs; e++) {
            long[] t = out[e];
            long start = System.nanoTime();
            Iterator<Batch> it = loader.epochRecycling(e).iterator();
            while (true) {
                long c0 = System.nanoTime();
                if (!it.hasNext()) break;
                Batch b = it.next();
                long c1 = System.nanoTime();
                opt.zeroGrad();
                long c2 = System.nanoTime();
                Tensor logits = model.forward(b.x());
                long c3 = System.nanoTime();
                Tensor loss = ce.compute(logits, b.y());
                long c4 = System.nanoTime();
                loss.backward();
                long c5 = System.nanoTime();
                opt.step();
                long c6 = System.nanoTime();
                t[1] += c1 - c0; t[2] += c2 - c1; t[3] += c3 - c2; t[4] += c4 - c3; t[5] += c5 - c4; t[6] += c6 - c5;
            }
            t[0] = System.nanoTime() - start;
        }
        return out;
    }

    public static void main(String[] args) throws java.io.IOException {
        String layers = args.length > 0 ? args[0] : "784,256,128,10";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long[][] r = run(MlpThroughput.trainingSet(args, 2), layers, epochs, 0);
        for (int e = Math.max(0, epochs - 3); e < epochs; e++) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d: %.3f s;", e + 1, r[e][0] / 1e9));
            for (int p = 0; p < PHASES.length; p++) sb.append(String.format(Locale.ROOT, " %s %.1f ms;", PHASES[p], r[e][p + 1] / 1e6));
            System.out.println(sb);
        }
    }
}
