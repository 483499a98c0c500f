package dev.nabla.bench;

import dev.nabla.tensor.Gemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of {@link Gemm#sgemm} and {@link Gemm#dgemm} on square and MLP shapes, in the three forms
 * used by training: X·W ({@code nn}), Xᵀ·dY ({@code tn}) and dY·Wᵀ ({@code nt}). Reports average time per
 * call; GFLOP/s = 2·M·K·N / time. Run:
 * {@code java --add-modules jdk.incubator.vector -jar nabla-bench/target/benchmarks.jar GemmBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    /** MxKxN: (M,K) @ (K,N). */
    @Param({"1024x1024x1024", "128x784x256", "784x128x256", "128x256x784", "128x256x128"})
    public String shape;

    /** nn, tn (transA) or nt (transB). */
    @Param({"nn", "tn", "nt"})
    public String op;

    int m, k, n, lda, ldb;
    boolean tA, tB;
    float[] a, b, c;
    double[] ad, bd, cd;

    /** Allocates random operands. */
    @Setup
    public void setup() {
        String[] p = shape.split("x");
        m = Integer.parseInt(p[0]);
        k = Integer.parseInt(p[1]);
        n = Integer.parseInt(p[2]);
        tA = op.charAt(0) == 't';
        tB = op.charAt(1) == 't';
        lda = tA ? m : k;
        ldb = tB ? k : n;
        SplittableRandom r = new SplittableRandom(0);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        ad = new double[m * k];
        bd = new double[k * n];
        cd = new double[m * n];
        for (int i = 0; i < a.length; i++) ad[i] = a[i] = (float) (r.nextDouble() * 2 - 1);
        for (int i = 0; i < b.length; i++) bd[i] = b[i] = (float) (r.nextDouble() * 2 - 1);
    }

    /** float32 GEMM. */
    @Benchmark
    public float[] sgemm() {
        Gemm.sgemm(tA, tB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
        return c;
    }

    /** float64 GEMM. */
    @Benchmark
    public double[] dgemm() {
        Gemm.dgemm(tA, tB, m, n, k, 1.0, ad, 0, lda, bd, 0, ldb, 0.0, cd, 0, n);
        return cd;
    }
}
