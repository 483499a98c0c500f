package dev.nabla.bench;

import dev.nabla.tensor.Gemm;
import dev.nabla.tensor.Parallel;
import dev.nabla.tensor.kernel.VectorSupport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Plain-main GEMM throughput measurement, the Java twin of {@code shared/bench/numpy_gemm.py}: for each
 * shape {@code MxKxN} it times {@code (M,K) @ (K,N)} through {@link Gemm}, three warm-up calls then
 * repeated calls for about {@code --seconds} (at least 5), and reports GFLOP/s of the median time. Before
 * the first shape it runs about 1.5 s of JIT warm-up on all three forms, and each shape gets 0.5 s of warm-up.
 *
 * <p>Usage: {@code GemmThroughput [--shapes 1024x1024x1024,...] [--seconds 1.0] [--json]
 * [--ops nn,tn,nt] [--dtype float32|float64] [--threads N]}. Op {@code nn} is X·W, {@code tn} is Xᵀ·dY
 * (A stored K×M, transA) and {@code nt} is dY·Wᵀ (B stored N×K, transB); M, K, N are always the sizes of
 * the product. JSON: {@code {"impl":"nabla","rows":[{"shape":..,"op":..,"gflops":..}]}}.
 * Run with {@code java --add-modules jdk.incubator.vector -cp ...}.
 */
public final class GemmThroughput {
    private GemmThroughput() {}

    static final String DEFAULT = "256x256x256,512x512x512,1024x1024x1024,128x784x256,128x256x128,128x128x10,784x128x256,128x256x784";

    /** Entry point; see the class comment for arguments. */
    public static void main(String[] args) {
        String shapes = DEFAULT, ops = "nn", dtype = "float32";
        double seconds = 1.0;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--shapes": shapes = args[++i]; break;
                case "--seconds": seconds = Double.parseDouble(args[++i]); break;
                case "--json": json = true; break;
                case "--ops": ops = args[++i]; break;
                case "--dtype": dtype = args[++i]; break;
                case "--threads": Parallel.setThreads(Integer.parseInt(args[++i])); break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        boolean f64 = dtype.equals("float64");
        // JIT warm-up before any timing: the first calls run the Vector API kernels interpreted (slow) and
        // C2 compiles them on the same two cores, which would otherwise depress the first shapes measured.
        for (String op : new String[] {"nn", "tn", "nt"}) {
            measure(op, 200, 200, 200, 0.4, f64);
            measure(op, 67, 129, 45, 0.1, f64);
        }
        List<String[]> rows = new ArrayList<>();
        for (String op : ops.split(",")) {
            for (String s : shapes.split(",")) {
                String[] p = s.split("x");
                int m = Integer.parseInt(p[0]), k = Integer.parseInt(p[1]), n = Integer.parseInt(p[2]);
                double g = measure(op.trim(), m, k, n, seconds, f64);
                rows.add(new String[] {s, op.trim(), String.format(Locale.ROOT, "%.3f", g)});
            }
        }
        if (json) {
            StringBuilder sb = new StringBuilder("{\"impl\": \"nabla\", \"dtype\": \"" + dtype + "\", \"threads\": "
                    + Parallel.threads() + ", \"kernel\": \"" + VectorSupport.describe() + "\", \"rows\": [");
            for (int i = 0; i < rows.size(); i++) {
                String[] r = rows.get(i);
                if (i > 0) sb.append(", ");
                sb.append("{\"shape\": \"").append(r[0]).append("\", \"op\": \"").append(r[1])
                        .append("\", \"gflops\": ").append(r[2]).append('}');
            }
            System.out.println(sb.append("]}"));
        } else {
            for (String[] r : rows) System.out.printf(Locale.ROOT, "%16s %3s %8s GFLOP/s%n", r[0], r[1], r[2]);
        }
    }

    /** Median GFLOP/s of one GEMM form ("nn", "tn", "nt") and shape over about {@code seconds}, after a warm-up. */
    public static double measure(String op, int m, int k, int n, double seconds, boolean f64) {
        boolean tA = op.charAt(0) == 't', tB = op.charAt(1) == 't';
        int lda = tA ? m : k, ldb = tB ? k : n;
        SplittableRandom rnd = new SplittableRandom(0);
        Runnable call;
        if (f64) {
            double[] a = new double[m * k], b = new double[k * n], c = new double[m * n];
            for (int i = 0; i < a.length; i++) a[i] = rnd.nextDouble() * 2 - 1;
            for (int i = 0; i < b.length; i++) b[i] = rnd.nextDouble() * 2 - 1;
            call = () -> Gemm.dgemm(tA, tB, m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.0, c, 0, n);
        } else {
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
            for (int i = 0; i < a.length; i++) a[i] = (float) (rnd.nextDouble() * 2 - 1);
            for (int i = 0; i < b.length; i++) b[i] = (float) (rnd.nextDouble() * 2 - 1);
            call = () -> Gemm.sgemm(tA, tB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
        }
        // warm-up: let C2 compile the kernels (more than numpy's 3 calls, which need no JIT)
        long warmEnd = System.nanoTime() + (long) (Math.min(0.5, seconds / 2) * 1e9);
        int w = 0;
        while (w < 3 || System.nanoTime() < warmEnd) { call.run(); w++; }
        double[] times = new double[1024];
        int cnt = 0;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline || cnt < 5) {
            long t = System.nanoTime();
            call.run();
            long dt = System.nanoTime() - t;
            if (cnt == times.length) times = Arrays.copyOf(times, cnt * 2);
            times[cnt++] = dt / 1e9;
        }
        double[] s = Arrays.copyOf(times, cnt);
        Arrays.sort(s);
        double med = cnt % 2 == 1 ? s[cnt / 2] : (s[cnt / 2 - 1] + s[cnt / 2]) / 2;
        return 2.0 * m * k * n / med / 1e9;
    }
}
