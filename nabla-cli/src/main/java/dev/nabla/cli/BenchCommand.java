package dev.nabla.cli;

import dev.nabla.Tensor;
import dev.nabla.bench.GemmThroughput;
import dev.nabla.bench.MlpThroughput;
import dev.nabla.data.Idx;
import dev.nabla.data.Mnist;
import dev.nabla.tensor.Parallel;
import dev.nabla.tensor.kernel.VectorSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nabla bench}: Nabla's kernels and training loop measured side by side, in one run, against the
 * NumPy peers in {@code shared/bench} (numpy_gemm.py, numpy_mlp.py), reported as ratios.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure Nabla against the NumPy/OpenBLAS peers, side by side in one run, as ratios.",
                "",
                "1. float32 GEMM GFLOP/s per shape (X·W, and the backprop forms Xᵀ·dY and dY·Wᵀ) vs numpy_gemm.py;",
                "2. MLP training samples/s (MNIST shape, ReLU, softmax cross-entropy, batch 128, SGD momentum 0.9)",
                "   vs numpy_mlp.py on the same IDX files (real MNIST with --data, else a synthetic MNIST-shaped set);",
                "3. float64 vs float32 GEMM time, the heap of MNIST training (peak in use, garbage included, and",
                "   live after a GC: what training really holds), and a micrograd-size network.",
                "Absolute numbers on shared machines are noise: compare the ratios.", ""},
        footer = {"", "Examples:", "  nabla bench", "  nabla bench --quick --json", "  nabla bench --data ../shared/data/mnist --epochs 1"})
public final class BenchCommand implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--shapes", description = "GEMM shapes MxKxN (default: ${DEFAULT-VALUE}).")
    String shapes = "1024x1024x1024,128x784x256,784x128x256,128x256x784,128x256x128";

    @Option(names = "--mlp", split = ";", description = "MLP layer lists, ';'-separated (default: 784,256,128,10;784,800,10).")
    List<String> mlps = List.of("784,256,128,10", "784,800,10");

    @Option(names = "--epochs", description = "Timed training epochs per MLP, after untimed warm-up epochs (2 to 14: until the JIT has seen ~5000 steps and is quiet); Nabla reports the median epoch, NumPy the median of as many runs (default: ${DEFAULT-VALUE}).")
    int epochs = 3;

    @Option(names = "--data", description = "Directory with the MNIST IDX files (default: a synthetic MNIST-shaped set).")
    Path data;

    @Option(names = "--peers", description = "Directory of numpy_gemm.py / numpy_mlp.py (default: <repo>/../shared/bench).")
    Path peers;

    @Option(names = "--no-peers", description = "Measure Nabla only.")
    boolean noPeers;

    @Option(names = "--quick", description = "Short run: 0.3 s per GEMM shape, first MLP only.")
    boolean quick;

    @Option(names = "--json", description = "Print one JSON object instead of tables.")
    boolean json;

    @Override public void run() {
        if (epochs < 1) throw new UsageException("--epochs must be at least 1");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        double seconds = quick ? 0.3 : 1.0;
        Path peerDir = peers != null ? peers : Path.of(System.getProperty("nabla.home", "."), "..", "shared", "bench").normalize();
        boolean withPeers = !noPeers && Files.isRegularFile(peerDir.resolve("numpy_gemm.py"));
        if (!noPeers && !withPeers) err.println("nabla bench: no NumPy peers at " + peerDir + " (use --peers DIR); measuring Nabla only");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("threads", Parallel.threads());
        result.put("kernel", VectorSupport.describe());

        // 1. MLP training first, in a fresh JVM as a user's training run would be (see docs/PERFORMANCE.md: a JIT
        //    that first compiled the GEMM kernel for the benchmark shapes sometimes recompiles it slowly later)
        Path idxDir;
        dev.nabla.data.Dataset train;
        try {
            if (data != null) {
                train = Mnist.load(data, true);
                idxDir = data;
            } else {
                Tensor[] xy = MlpThroughput.syntheticMnist(60000, 0);
                train = MlpThroughput.dataset(xy[0], xy[1]);
                idxDir = withPeers ? writeSyntheticIdx(xy) : null;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e.getMessage(), e);
        }
        List<Map<String, Object>> mlpRows = new ArrayList<>();
        List<String> nets = quick ? mlps.subList(0, 1) : mlps;
        for (String layers : nets) {
            progress(err, "MLP " + layers + " (Nabla)");
            // untimed warm-up epochs until the JIT has seen ~5000 steps and is quiet (2 to 14; 2 with --quick): see MlpThroughput.warmUp
            MlpThroughput.Result r = MlpThroughput.run(train, layers, 128, quick ? 1 : epochs, 0,
                    quick ? MlpThroughput.MIN_WARMUP_EPOCHS : MlpThroughput.MAX_WARMUP_EPOCHS);
            Map<String, Object> row = new LinkedHashMap<>(r.toMap());
            row.remove("impl");
            Double peer = null;
            if (withPeers && idxDir != null) {
                progress(err, "MLP " + layers + " (NumPy)");
                List<Double> runs = new ArrayList<>();
                for (int i = 0; i < (quick ? 1 : epochs); i++) {
                    Double v = numpyMlp(peerDir, idxDir, layers, err);
                    if (v != null) runs.add(v);
                }
                runs.sort(null);
                peer = runs.isEmpty() ? null : runs.get(runs.size() / 2);
            }
            row.put("numpy_samples_per_s", peer);
            row.put("ratio", peer == null ? null : r.samplesPerSecond() / peer);
            mlpRows.add(row);
        }
        result.put("mlp", mlpRows);
        result.put("data", data != null ? data.toString() : "synthetic MNIST-shaped (60000 x 784, seed 0)");
        // 2. GEMM
        List<Map<String, Object>> gemm = new ArrayList<>();
        // peer and Nabla back to back per shape, so a neighbour's load shifts both sides of a ratio alike
        for (String op : List.of("nn", "tn", "nt")) {
            for (String s : shapes.split(",")) {
                int[] mkn = parseShape(s);
                progress(err, "GEMM " + op + " " + s);
                Map<String, Double> peerGemm = withPeers ? numpyGemm(peerDir, op, s, err) : Map.of();
                double g = GemmThroughput.measure(op, mkn[0], mkn[1], mkn[2], seconds, false);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("op", op);
                row.put("shape", s);
                row.put("nabla_gflops", g);
                Double p = peerGemm.get(op + " " + s);
                row.put("numpy_gflops", p);
                row.put("ratio", p == null ? null : g / p);
                gemm.add(row);
            }
        }
        result.put("gemm", gemm);
        progress(err, "GEMM float64 vs float32, 1024x1024x1024");
        double f32 = GemmThroughput.measure("nn", 1024, 1024, 1024, seconds, false);
        double f64 = GemmThroughput.measure("nn", 1024, 1024, 1024, seconds, true);
        result.put("float64_time_over_float32", f32 / f64);

        progress(err, "small graph");
        result.put("small_graph_seconds", MlpThroughput.smallGraphSeconds());
        List<String> warnings = sanityWarnings(gemm, f32 / f64, quick ? List.of() : mlpRows);
        result.put("warnings", warnings);
        if (!json) err.println();
        for (String w : warnings) err.println("warning: " + w);

        if (json) {
            out.println(Json.write(result));
        } else {
            printTables(out, result, gemm, mlpRows);
        }
        out.flush();
    }

    private void printTables(PrintWriter out, Map<String, Object> r, List<Map<String, Object>> gemm, List<Map<String, Object>> mlp) {
        out.printf(Locale.ROOT, "Nabla bench: %s threads, kernel %s%n%n", r.get("threads"), r.get("kernel"));
        out.println("float32 GEMM (GFLOP/s; nn = X·W, tn = Xᵀ·dY, nt = dY·Wᵀ)");
        out.printf(Locale.ROOT, "  %-3s %-16s %10s %10s %8s%n", "op", "shape MxKxN", "nabla", "numpy", "ratio");
        for (Map<String, Object> g : gemm) {
            out.printf(Locale.ROOT, "  %-3s %-16s %10.1f %10s %8s%n", g.get("op"), g.get("shape"), (Double) g.get("nabla_gflops"),
                    fmt((Double) g.get("numpy_gflops"), "%.1f"), fmt((Double) g.get("ratio"), "%.2f"));
        }
        out.println();
        out.println("MLP training, batch 128, SGD momentum 0.9 (samples/s, " + r.get("data") + ")");
        out.printf(Locale.ROOT, "  %-16s %12s %12s %8s %9s %9s%n", "layers", "nabla", "numpy", "ratio", "heap MB", "live MB");
        for (Map<String, Object> m : mlp) {
            out.printf(Locale.ROOT, "  %-16s %12.0f %12s %8s %9.0f %9.0f%n", m.get("layers"), (Double) m.get("samples_per_s"),
                    fmt((Double) m.get("numpy_samples_per_s"), "%.0f"), fmt((Double) m.get("ratio"), "%.2f"),
                    (Double) m.get("peak_heap_mb"), (Double) m.get("live_heap_mb"));
        }
        out.println("  (heap: the largest heap in use at one moment, garbage included; live: the largest still in use after a GC)");
        if (!mlp.isEmpty()) {
            Object timed = mlp.get(0).get("epochs");
            out.printf(Locale.ROOT, "  (nabla: %s after %s untimed warm-up epochs; warm-up ends when the JIT has seen ~5000 steps and is quiet, at most %d epochs, 2 with --quick)%n",
                    "1".equals(String.valueOf(timed)) ? "1 timed epoch" : "the median of " + timed + " timed epochs",
                    mlp.stream().map(m -> String.valueOf(m.get("warmup_epochs"))).collect(java.util.stream.Collectors.joining(" / ")),
                    MlpThroughput.MAX_WARMUP_EPOCHS);
        }
        out.println();
        out.printf(Locale.ROOT, "float64 GEMM time / float32 GEMM time (1024³): %.2f%n", (Double) r.get("float64_time_over_float32"));
        out.printf(Locale.ROOT, "micrograd-size network (2-16-16-1, 100 points, 100 full-batch steps): %.3f s%n", (Double) r.get("small_graph_seconds"));
    }

    /**
     * Measurements that no healthy run gives, each noise to be rerun, not a result:
     * <ul>
     * <li>float64 GEMM more than 4× slower than float32 (2–2.5× is normal), or a float32 shape under a quarter of the
     * median of all shapes. Seen once in about 35 JVMs on the 2-core build machine (float64 at 3 GFLOP/s): C2 had not
     * intrinsified the Vector API in that JVM.</li>
     * <li>an MLP of {@code mlp} whose training ran its matrix products at under {@value #MLP_MIN_SHARE_OF_GEMM} of the
     * median GEMM rate. Healthy runs on the build machine: 0.53–0.65 (784-256-128-10) and 0.62–0.79 (784-800-10);
     * two runs out of ~40 trained at half their speed for the whole timed part (0.27 and 0.36) while the GEMMs
     * measured after them were normal. The caller leaves it out after --quick, whose one timed epoch may still share
     * the cores with the JIT.</li>
     * </ul>
     */
    static List<String> sanityWarnings(List<Map<String, Object>> gemm, double f64OverF32, List<Map<String, Object>> mlp) {
        List<String> w = new ArrayList<>();
        if (f64OverF32 > 4) {
            w.add(String.format(Locale.ROOT, "float64 GEMM ran %.1fx slower than float32 (2-2.5x is normal): this JVM probably "
                    + "runs the Vector API without its compiler intrinsics; rerun the benchmark", f64OverF32));
        }
        double[] g = gemm.stream().mapToDouble(r -> (Double) r.get("nabla_gflops")).sorted().toArray();
        if (g.length >= 3) {
            double median = g[g.length / 2];
            for (Map<String, Object> r : gemm) {
                double v = (Double) r.get("nabla_gflops");
                if (v < median / 4) {
                    w.add(String.format(Locale.ROOT, "GEMM %s %s ran at %.1f GFLOP/s, under a quarter of the median shape "
                            + "(%.1f): a stalled or de-optimised JVM; rerun the benchmark", r.get("op"), r.get("shape"), v, median));
                }
            }
            for (Map<String, Object> r : mlp) {
                Object t = r.get("train_gflops");
                if (t instanceof Double v && v < MLP_MIN_SHARE_OF_GEMM * median) {
                    w.add(String.format(Locale.ROOT, "MLP %s trained at %.1f GFLOP/s in its matrix products, %.2f of the median "
                            + "GEMM rate (0.5-0.75 is normal): the machine was busy or the JIT left a slow state; rerun the "
                            + "benchmark", r.get("layers"), v, v / median));
                }
            }
        }
        return w;
    }

    /** Least share of the median GEMM rate that an MLP's training reaches in a healthy run (see {@link #sanityWarnings}). */
    static final double MLP_MIN_SHARE_OF_GEMM = 0.4;

    private static String fmt(Double v, String f) { return v == null ? "-" : String.format(Locale.ROOT, f, v); }

    private static void progress(PrintWriter err, String what) {
        err.print("\r\u001b[2K  measuring " + what + " ...");
        err.flush();
    }

    private static int[] parseShape(String s) {
        String[] p = s.trim().split("x");
        try {
            if (p.length != 3) throw new NumberFormatException();
            int[] v = {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
            for (int x : v) if (x <= 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--shapes: '" + s + "' is not MxKxN with positive sizes");
        }
    }

    /** The tn/nt forms for the peer: numpy_gemm.py's method, operands passed as transposed views (no copy). */
    private static final String TRANSPOSED_PEER = String.join("\n",
            "import json, statistics, sys, time",
            "import numpy as np",
            "rng = np.random.default_rng(0); rows = []",
            "for op in sys.argv[3].split(','):",
            "    for s in sys.argv[1].split(','):",
            "        m, k, n = (int(v) for v in s.split('x'))",
            "        a = rng.standard_normal((k, m) if op[0] == 't' else (m, k), dtype=np.float32)",
            "        b = rng.standard_normal((n, k) if op[1] == 't' else (k, n), dtype=np.float32)",
            "        x = a.T if op[0] == 't' else a; w = b.T if op[1] == 't' else b",
            "        for _ in range(3): x @ w",
            "        times, deadline = [], time.perf_counter() + float(sys.argv[2])",
            "        while time.perf_counter() < deadline or len(times) < 5:",
            "            t = time.perf_counter(); x @ w; times.append(time.perf_counter() - t)",
            "        rows.append({'shape': s, 'op': op, 'gflops': 2 * m * k * n / statistics.median(times) / 1e9})",
            "print(json.dumps({'impl': 'numpy', 'rows': rows}))");

    private Map<String, Double> numpyGemm(Path peerDir, String op, String shape, PrintWriter err) {
        Map<String, Double> out = new LinkedHashMap<>();
        String secs = quick ? "0.3" : "1.0";
        String js = op.equals("nn")
                ? python(List.of(peerDir.resolve("numpy_gemm.py").toString(), "--json", "--shapes", shape, "--seconds", secs), err)
                : python(List.of("-c", TRANSPOSED_PEER, shape, secs, op), err);
        if (js == null) return out;
        try {
            Object parsed = dev.nabla.io.Json.parse(js.trim());
            for (Object o : (List<?>) ((Map<?, ?>) parsed).get("rows")) {
                Map<?, ?> row = (Map<?, ?>) o;
                Object rop = row.get("op");
                out.put((rop == null ? "nn" : rop) + " " + row.get("shape"), ((Number) row.get("gflops")).doubleValue());
            }
        } catch (RuntimeException | dev.nabla.io.Json.ParseException e) {
            err.println("nabla bench: could not read the NumPy peer's output: " + e.getMessage());
        }
        return out;
    }

    private static Double numpyMlp(Path peerDir, Path idxDir, String layers, PrintWriter err) {
        String js = python(List.of(peerDir.resolve("numpy_mlp.py").toString(), "--data", idxDir.toString(), "--layers", layers,
                "--batch", "128", "--epochs", "1", "--optimizer", "sgd", "--json"), err);
        if (js == null) return null;
        try {
            Object v = ((Map<?, ?>) dev.nabla.io.Json.parse(js.trim())).get("samples_per_s");
            return ((Number) v).doubleValue();
        } catch (RuntimeException | dev.nabla.io.Json.ParseException e) {
            err.println("nabla bench: could not read numpy_mlp.py's output: " + e.getMessage());
            return null;
        }
    }

    /** Runs python3 with OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset (as the peers ask); stdout, or null on failure. */
    private static String python(List<String> args, PrintWriter err) {
        List<String> cmd = new ArrayList<>();
        cmd.add("python3");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OPENBLAS_L2_SIZE");
        try {
            Process p = pb.start();
            String s;
            try (InputStream in = p.getInputStream()) {
                s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                err.println("nabla bench: peer " + String.join(" ", cmd.subList(0, Math.min(2, cmd.size()))) + " failed (exit " + p.exitValue() + ")");
                return null;
            }
            String[] lines = s.strip().split("\n");
            return lines[lines.length - 1];
        } catch (IOException e) {
            err.println("nabla bench: cannot run python3: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Writes the synthetic set as the four MNIST IDX files so numpy_mlp.py trains on the same numbers. */
    private static Path writeSyntheticIdx(Tensor[] xy) throws IOException {
        Path dir = Files.createTempDirectory("nabla-bench-mnist");
        dir.toFile().deleteOnExit();
        float[] x = xy[0].toFloatArray(), y = xy[1].toFloatArray();
        int n = y.length;
        byte[] px = new byte[x.length], lb = new byte[n];
        for (int i = 0; i < x.length; i++) px[i] = (byte) Math.round(x[i] * 255);
        for (int i = 0; i < n; i++) lb[i] = (byte) y[i];
        int nt = 10000;
        byte[] tpx = java.util.Arrays.copyOf(px, nt * 784), tlb = java.util.Arrays.copyOf(lb, nt);
        Idx.writeUbyte(dir.resolve("train-images-idx3-ubyte"), new int[] {n, 28, 28}, px, false);
        Idx.writeUbyte(dir.resolve("train-labels-idx1-ubyte"), new int[] {n}, lb, false);
        Idx.writeUbyte(dir.resolve("t10k-images-idx3-ubyte"), new int[] {nt, 28, 28}, tpx, false);
        Idx.writeUbyte(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {nt}, tlb, false);
        for (Path p : Files.list(dir).toList()) p.toFile().deleteOnExit();
        return dir;
    }
}
