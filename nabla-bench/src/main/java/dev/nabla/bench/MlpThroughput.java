package dev.nabla.bench;

import dev.nabla.DType;
import dev.nabla.Rng;
import dev.nabla.Tensor;
import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.Dataset;
import dev.nabla.data.TensorDataset;
import dev.nabla.loss.CrossEntropyLoss;
import dev.nabla.nn.Init;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Mlp;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.SGD;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Training throughput of an MLP on MNIST-shaped data, the same loop as {@code shared/bench/numpy_mlp.py}:
 * ReLU MLP, softmax cross-entropy, minibatch SGD with momentum 0.9 (lr 0.05), He-uniform init, a fresh
 * permutation per epoch, batches gathered by index (a {@link DataLoader} whose batches reuse their memory).
 * Reports samples per second of the median timed epoch, after untimed warm-up epochs that last until the JIT is
 * quiet (see {@link #warmUp}), the peak heap (garbage included) and the peak live heap (in use just after a
 * collection), both from {@link HeapWatch}.
 */
public final class MlpThroughput {
    private MlpThroughput() {}

    /** One measurement: what was run and how fast. */
    public record Result(String layers, int batch, int warmupEpochs, int epochs, double epochSeconds,
                         double samplesPerSecond, double finalLoss, long peakHeapBytes, long liveHeapBytes) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("impl", "nabla");
            m.put("layers", layers);
            m.put("batch", batch);
            m.put("warmup_epochs", warmupEpochs);
            m.put("epochs", epochs);
            m.put("epoch_s", epochSeconds);
            m.put("samples_per_s", samplesPerSecond);
            m.put("train_gflops", samplesPerSecond * flopsPerSample(layers) / 1e9);
            m.put("final_loss", finalLoss);
            m.put("peak_heap_mb", peakHeapBytes / 1048576.0);
            m.put("live_heap_mb", liveHeapBytes / 1048576.0);
            return m;
        }
    }

    /**
     * Floating-point operations of one training step per sample of the ReLU MLP {@code layers} (e.g. "784,256,128,10"),
     * counting its matrix products only (2 per multiply-add): the forward x·Wᵀ and the weight gradients dZᵀ·x of every
     * layer, and the input gradients dZ·W of every layer but the first (the data needs none). Elementwise work is
     * left out. 784-256-128-10: 1 007 104; 784-800-10: 2 556 800.
     */
    public static double flopsPerSample(String layers) {
        String[] p = layers.split(",");
        double f = 0;
        for (int i = 0; i + 1 < p.length; i++) {
            double mac = (double) Integer.parseInt(p[i].trim()) * Integer.parseInt(p[i + 1].trim());
            f += 2 * mac * (i == 0 ? 2 : 3);
        }
        return f;
    }

    /** Synthetic MNIST-shaped inputs in [0,1] (n × 784) and labels, seeded. */
    public static Tensor[] syntheticMnist(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 784];
        float[] y = new float[n];
        for (int i = 0; i < x.length; i++) x[i] = r.nextInt(256) / 255f;
        for (int i = 0; i < n; i++) y[i] = r.nextInt(10);
        return new Tensor[] {Tensor.fromArray(x, n, 784), Tensor.fromArray(y, n)};
    }

    /** A dataset over {@code x} and {@code y} that shares their arrays when it can (60 000 × 784 float32 values are 188 MB: no second copy). */
    public static Dataset dataset(Tensor x, Tensor y) {
        boolean plain = x.dtype() == DType.FLOAT32 && y.dtype() == DType.FLOAT32 && x.isContiguous() && y.isContiguous()
                && x.offset() == 0 && y.offset() == 0 && x.storage().length() == x.numel() && y.storage().length() == y.numel()
                && y.dim() == 1;
        if (!plain) return new TensorDataset(x, y);
        int[] shape = java.util.Arrays.copyOfRange(x.shape(), 1, x.dim());
        return TensorDataset.wrap(x.size(0), shape, x.storage().f, new int[0], y.storage().f);
    }

    /** Fewest and most untimed warm-up epochs of {@link #run(Dataset, String, int, int, long)}. */
    public static final int MIN_WARMUP_EPOCHS = 2, MAX_WARMUP_EPOCHS = 14;

    /** Share of an epoch's wall time spent in JIT compilation under which the JIT counts as quiet. */
    static final double QUIET_JIT_SHARE = 0.05;

    /** Trains {@code epochs} timed epochs after the warm-up of {@link #warmUp} (2 to 14 epochs) and measures. */
    public static Result run(Dataset data, String layers, int batch, int epochs, long seed) {
        return run(data, layers, batch, epochs, seed, MAX_WARMUP_EPOCHS);
    }

    /** As {@link #run(Dataset, String, int, int, long)} with at most {@code maxWarmup} warm-up epochs (≥ 1). */
    public static Result run(Dataset data, String layers, int batch, int epochs, long seed, int maxWarmup) {
        Sequential model = model(layers, seed);
        SGD opt = optimizer(model);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        int n = data.size();
        // A fresh permutation per epoch and batches gathered by index, as numpy_mlp.py; each batch's memory is
        // reused for the next (DataLoader.epochRecycling), as this loop keeps nothing of a batch past its step.
        DataLoader loader = new DataLoader(data, batch).shuffle(seed).dropLast(true);
        HeapWatch heap = HeapWatch.start();
        int warm = warmUp(model, opt, ce, loader, Math.min(MIN_WARMUP_EPOCHS, maxWarmup), maxWarmup, n / batch);
        double loss = Double.NaN;
        double[] times = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            loss = epoch(model, opt, ce, loader, warm + e);
            times[e] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(times);
        double median = times[epochs / 2]; // the median epoch: robust to a neighbour's burst of load
        long samples = (long) (n / batch) * batch;
        heap.close();
        return new Result(layers, batch, warm, epochs, median, samples / median, loss, heap.peakBytes(), heap.liveBytes());
    }

    /** The benchmark's ReLU MLP, He-uniform weights and zero biases as numpy_mlp.py's, seeded. */
    static Sequential model(String layers, long seed) {
        Sequential model = Mlp.of(layers, "relu", Rng.seeded(seed));
        for (Module m : model.children().values()) {
            if (m instanceof Linear l) {
                double bound = Math.sqrt(6.0 / l.inFeatures());
                Init.uniform(l.weight(), -bound, bound, Rng.seeded(seed + 1));
                Init.zeros(l.bias());
            }
        }
        return model;
    }

    /** numpy_mlp.py's optimizer: SGD, lr 0.05, momentum 0.9. */
    static SGD optimizer(Module model) { return new SGD(model.parameters(), 0.05, 0.9); }

    /**
     * Untimed epochs until training runs as it will from then on: at least {@code min}, at least enough for
     * {@link #jitInvocationThreshold()} training steps, and then until an epoch in which the JIT compilers spent
     * under 5% of the epoch's wall time; at most {@code max}. Returns how many ran. Why: on 2 cores the compiler
     * threads take CPU from training. MNIST 784-256-128-10 on the 2-core build machine: the first epoch takes 2–3 s
     * (the Vector API runs interpreted until C2 compiles it), epochs 2–5 0.65–0.85 s with 130–600 ms of compilation
     * each. And the code a step calls once (forward, loss, the backward engine, the optimizer's loop) reaches C2
     * only after the tier-4 invocation threshold, ~5 000 steps: 784-800-10 epochs 6–7 then ran at 0.95–0.97 s
     * against 0.88–0.90 later, after a quiet epoch that had ended the warm-up (8 alternated JVMs, seventh session).
     * Where the JVM cannot report compilation time, 5 epochs or the steps' epochs, whichever is more (at most {@code max}).
     */
    static int warmUp(Module model, SGD opt, CrossEntropyLoss ce, DataLoader loader, int min, int max, int stepsPerEpoch) {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        LongSupplier compiledMs = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit::getTotalCompilationTime : null;
        return warmUp(e -> epoch(model, opt, ce, loader, e), compiledMs, System::nanoTime, min, max, stepsPerEpoch,
                jitInvocationThreshold());
    }

    /**
     * Calls after which HotSpot compiles a loop-free method with C2: {@code Tier4InvocationThreshold} ×
     * {@code CompileThresholdScaling} (5 000 by default), read from the running JVM; 5 000 where it cannot say.
     */
    static long jitInvocationThreshold() {
        try {
            var hs = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            double t = Double.parseDouble(hs.getVMOption("Tier4InvocationThreshold").getValue());
            double s = Double.parseDouble(hs.getVMOption("CompileThresholdScaling").getValue());
            return Math.max(0, Math.round(t * s));
        } catch (RuntimeException | LinkageError e) {
            return 5000; // not HotSpot, or the option is gone
        }
    }

    /**
     * The policy of {@link #warmUp(Module, SGD, CrossEntropyLoss, DataLoader, int, int, int)}: runs {@code epoch}
     * (given its index) until it is done; {@code compiledMs} is the JIT's total compilation time in ms so far (null:
     * unknown), {@code nanoClock} the wall clock in ns; warm-up ends no earlier than {@code minSteps} steps of
     * {@code stepsPerEpoch} per epoch.
     */
    static int warmUp(IntConsumer epoch, LongSupplier compiledMs, LongSupplier nanoClock, int min, int max,
                      int stepsPerEpoch, long minSteps) {
        int n = 0;
        long perEpoch = Math.max(1, stepsPerEpoch);
        min = (int) Math.max(min, Math.min(max, (minSteps + perEpoch - 1) / perEpoch)); // epochs the steps need
        long compiled = compiledMs != null ? compiledMs.getAsLong() : 0;
        while (n < max) {
            long t0 = nanoClock.getAsLong();
            epoch.accept(n++);
            double wallMs = (nanoClock.getAsLong() - t0) / 1e6;
            boolean quiet;
            if (compiledMs != null) {
                long now = compiledMs.getAsLong();
                quiet = now - compiled < QUIET_JIT_SHARE * wallMs;
                compiled = now;
            } else {
                quiet = n >= 5;
            }
            if (n >= min && quiet) break;
        }
        return n;
    }

    private static double epoch(Module model, SGD opt, CrossEntropyLoss ce, DataLoader loader, int epoch) {
        double loss = Double.NaN;
        for (Batch b : loader.epochRecycling(epoch)) {
            opt.zeroGrad();
            Tensor l = ce.compute(model.forward(b.x()), b.y());
            l.backward();
            opt.step();
            loss = l.item();
        }
        return loss;
    }

    /**
     * Seconds for 100 steps of full-batch training of a micrograd-size network (2-16-16-1, tanh, MSE,
     * SGD) on 100 points, measured after the same run once as warm-up: how cheap small graphs are.
     */
    public static double smallGraphSeconds() {
        Tensor[] d = {Tensor.randn(11, 100, 2), null};
        d[1] = d[0].narrow(1, 0, 1).mul(d[0].narrow(1, 1, 1)).gt(0.0).mul(2).sub(1); // XOR-like labels ±1
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            Sequential model = Mlp.of("2,16,16,1", "tanh", Rng.seeded(rep));
            SGD opt = new SGD(model.parameters(), 0.05);
            dev.nabla.loss.MSELoss mse = new dev.nabla.loss.MSELoss();
            long t0 = System.nanoTime();
            for (int step = 0; step < 100; step++) {
                opt.zeroGrad();
                mse.compute(model.forward(d[0]), d[1]).backward();
                opt.step();
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    /**
     * {@code MlpThroughput [layers] [timed epochs] [MNIST dir]}: one measurement, printed as a map. To compare two
     * builds, run it with each build's classes alternately, several rounds (docs/PERFORMANCE.md, "A/B method").
     */
    public static void main(String[] args) throws java.io.IOException {
        String layers = args.length > 0 ? args[0] : "784,256,128,10";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        System.out.println(run(trainingSet(args, 2), layers, 128, epochs, 0).toMap());
    }

    /**
     * The command-line tools' training set: MNIST's from the directory {@code args[index]} when given, else the
     * synthetic MNIST-shaped set (60 000 × 784, seed 0).
     */
    static Dataset trainingSet(String[] args, int index) throws java.io.IOException {
        if (args.length > index) return dev.nabla.data.Mnist.load(java.nio.file.Path.of(args[index]), true);
        Tensor[] d = syntheticMnist(60000, 0);
        return dataset(d[0], d[1]);
    }
}
