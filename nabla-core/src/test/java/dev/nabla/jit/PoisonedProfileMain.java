package dev.nabla.jit;

import dev.nabla.tensor.kernel.KernelLoops;
import dev.nabla.tensor.kernel.VectorDoubleKernels;
import dev.nabla.tensor.kernel.VectorFloatKernels;
import dev.nabla.tensor.kernel.VectorGemmF32;
import dev.nabla.tensor.kernel.VectorGemmF64;
import dev.nabla.tensor.kernel.VectorSupport;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Child JVM for {@link KernelsUnderPoisonedProfilesTest}: first poisons the JDK's shared type profiles of the
 * Vector API methods (each method's profile is shared by every caller in the JVM), then runs every Vector API
 * kernel of Nabla until C2 has compiled it. Poisoning: small methods call {@code intoArray}, {@code add},
 * {@code fma}, ... on the preferred species until C2 compiles them with the receiver type guessed from the
 * profile, then on a second species, which makes those guesses fail (class-check deoptimizations). That is what
 * a program does that mixes species, and it leaves the same trap history that made the broken bench runs. The
 * micro-kernels are first run once over a long loop right after the stores are poisoned (OSR compiles).
 * Lives outside {@code dev.nabla.tensor} so that the parent's {@code PrintIntrinsics} filter skips its own compiles.
 */
public final class PoisonedProfileMain {
    private PoisonedProfileMain() {}

    static volatile float sinkF;
    static volatile double sinkD;
    // One Vector API call per method, each compiled on its own (the parent passes dontinline for poke*), so that
    // the second species makes every one of these call sites trap, not only the first in a bigger method.
    static void pokeInto(FloatVector v, float[] a) { v.intoArray(a, 0); }
    static void pokeAdd(FloatVector v) { sinkV = v.add(v); }
    static void pokeSub(FloatVector v) { sinkV = v.sub(v); }
    static void pokeMul(FloatVector v) { sinkV = v.mul(v); }
    static void pokeFma(FloatVector v) { sinkV = v.fma(v, v); }
    static void pokeBlend(FloatVector v, VectorMask<Float> m) { sinkV = v.blend(v, m); }
    static void pokeCompare(FloatVector v) { sinkM = v.compare(VectorOperators.LT, v); }
    static void pokeExp(FloatVector v) { sinkV = v.lanewise(VectorOperators.EXP); }
    static void pokeReduce(FloatVector v) { sinkF += v.reduceLanes(VectorOperators.ADD); }
    static void pokeRearrange(FloatVector v, VectorShuffle<Float> s) { sinkV = v.rearrange(s); }
    static void pokeInto(DoubleVector v, double[] a) { v.intoArray(a, 0); }
    static void pokeAdd(DoubleVector v) { sinkV = v.add(v); }
    static void pokeSub(DoubleVector v) { sinkV = v.sub(v); }
    static void pokeMul(DoubleVector v) { sinkV = v.mul(v); }
    static void pokeFma(DoubleVector v) { sinkV = v.fma(v, v); }
    static void pokeBlend(DoubleVector v, VectorMask<Double> m) { sinkV = v.blend(v, m); }
    static void pokeCompare(DoubleVector v) { sinkM = v.compare(VectorOperators.LT, v); }
    static void pokeExp(DoubleVector v) { sinkV = v.lanewise(VectorOperators.EXP); }
    static void pokeReduce(DoubleVector v) { sinkD += v.reduceLanes(VectorOperators.ADD); }
    static void pokeRearrange(DoubleVector v, VectorShuffle<Double> s) { sinkV = v.rearrange(s); }

    static volatile Object sinkV, sinkM;

    static void pokeAll(FloatVector v, float[] a, DoubleVector d, double[] da) {
        VectorMask<Float> m = v.species().maskAll(true);
        VectorMask<Double> dm = d.species().maskAll(true);
        VectorShuffle<Float> sh = VectorShuffle.iota(v.species(), 0, 1, true);
        VectorShuffle<Double> dsh = VectorShuffle.iota(d.species(), 0, 1, true);
        pokeInto(v, a); pokeAdd(v); pokeSub(v); pokeMul(v); pokeFma(v); pokeBlend(v, m); pokeCompare(v); pokeExp(v); pokeReduce(v); pokeRearrange(v, sh);
        pokeInto(d, da); pokeAdd(d); pokeSub(d); pokeMul(d); pokeFma(d); pokeBlend(d, dm); pokeCompare(d); pokeExp(d); pokeReduce(d); pokeRearrange(d, dsh);
    }

    static void storeOnly(FloatVector v, float[] a) { v.intoArray(a, 0); }
    static void storeOnly(DoubleVector v, double[] a) { v.intoArray(a, 0); }

    /**
     * The store's guard traps inside a compiled loop (the stores inlined into it): the trap history this leaves
     * on {@code intoArray} is the one the broken bench runs had.
     */
    static void poisonStoresInLoop(VectorSpecies<Float> fOther, VectorSpecies<Double> dOther) throws InterruptedException {
        float[] a = new float[64];
        double[] d = new double[64];
        FloatVector v = FloatVector.zero(FloatVector.SPECIES_PREFERRED), w = FloatVector.zero(fOther);
        DoubleVector dv = DoubleVector.zero(DoubleVector.SPECIES_PREFERRED), dw = DoubleVector.zero(dOther);
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < 200_000; i++) { storeOnly(v, a); storeOnly(dv, d); }
            Thread.sleep(200); // lets C2 finish compiling the loop when run without -Xbatch
            for (int i = 0; i < 5; i++) { storeOnly(w, a); storeOnly(dw, d); }
        }
    }

    static void poison() throws InterruptedException {
        VectorSpecies<Float> f = FloatVector.SPECIES_PREFERRED;
        VectorSpecies<Float> fOther = f == FloatVector.SPECIES_128 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_128;
        VectorSpecies<Double> d = DoubleVector.SPECIES_PREFERRED;
        VectorSpecies<Double> dOther = d == DoubleVector.SPECIES_128 ? DoubleVector.SPECIES_256 : DoubleVector.SPECIES_128;
        float[] fa = new float[64];
        double[] da = new double[64];
        FloatVector v = FloatVector.broadcast(f, 0.5f), w = FloatVector.broadcast(fOther, 0.5f);
        DoubleVector dv = DoubleVector.broadcast(d, 0.5), dw = DoubleVector.broadcast(dOther, 0.5);
        poisonStoresInLoop(fOther, dOther);
        KernelLoops.runLongLoops(400_000); // OSR-compiled right after the stores were poisoned
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 30_000; i++) pokeAll(v, fa, dv, da);
            Thread.sleep(300); // without -Xbatch: lets C2 finish compiling the pokes with the one-species profile
            for (int i = 0; i < 3; i++) pokeAll(w, fa, dw, da);
        }
    }

    /** Every GEMM path: both tiles, packed and in-place A, all transposes, the three C update modes. */
    static void gemms(float[] a, float[] b, float[] c, double[] da, double[] db, double[] dc) {
        int[][] shapes = {{128, 32, 128}, {40, 64, 48}, {29, 33, 17}};
        float[] betas = {0f, 1f, 0.5f};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean tA = (t & 1) != 0, tB = (t & 2) != 0;
                int lda = tA ? m : k, ldb = tB ? k : n;
                for (float beta : betas) {
                    VectorGemmF32.gemmWithTile(VectorGemmF32.MR_TALL, tA, tB, m, n, k, 1f, a, 0, lda, b, 0, ldb, beta, c, 0, n);
                    VectorGemmF32.gemmWithTile(VectorGemmF32.MR_SHORT, tA, tB, m, n, k, 1f, a, 0, lda, b, 0, ldb, beta, c, 0, n);
                    VectorGemmF64.gemm(tA, tB, m, n, k, 1.0, da, 0, lda, db, 0, ldb, beta, dc, 0, n);
                }
            }
        }
    }

    /** Every element-wise Vector API kernel. */
    static void elementwise(float[] x, float[] y, float[] o, float[] m, float[] v, double[] dx, double[] dy, double[] dout, int step) {
        int n = 200;
        VectorFloatKernels.add(x, 0, y, 0, o, 0, n);
        VectorFloatKernels.sub(x, 0, y, 0, o, 0, n);
        VectorFloatKernels.mul(x, 0, y, 0, o, 0, n);
        VectorFloatKernels.div(x, 0, y, 0, o, 0, n);
        VectorFloatKernels.addRowBroadcast(x, 0, y, 0, o, 0, 4, 50);
        VectorFloatKernels.biasRelu(o, 0, y, 0, 4, 50, true);
        VectorFloatKernels.biasRelu(o, 0, null, 0, 4, 50, (step & 1) == 0);
        VectorFloatKernels.scale(x, 0, 0.5f, o, 0, n);
        VectorFloatKernels.axpy(0.5f, x, 0, o, 0, n);
        VectorFloatKernels.relu(x, 0, o, 0, n);
        VectorFloatKernels.reluBackward(y, 0, x, 0, o, 0, n);
        VectorFloatKernels.sumRows(x, 0, 4, 50, o, 0);
        VectorFloatKernels.exp(x, 0, o, 0, n);
        VectorFloatKernels.momentumStep(o, 0, x, 0, m, 0, 0.9f, 0.01f, n);
        VectorFloatKernels.adamStep(o, 0, x, 0, m, v, 0, n, 0.9f, 0.999f, 0.1f, 0.001f, 0.01f, 1f, 1e-8f,
                (step & 1) == 0, 0.01f, 0.999f);
        sinkF += VectorFloatKernels.allFinite(o, 0, n) ? 1 : 0;
        VectorDoubleKernels.add(dx, 0, dy, 0, dout, 0, n);
        VectorDoubleKernels.sub(dx, 0, dy, 0, dout, 0, n);
        VectorDoubleKernels.mul(dx, 0, dy, 0, dout, 0, n);
        VectorDoubleKernels.div(dx, 0, dy, 0, dout, 0, n);
        VectorDoubleKernels.addRowBroadcast(dx, 0, dy, 0, dout, 0, 4, 50);
        VectorDoubleKernels.scale(dx, 0, 0.5, dout, 0, n);
        VectorDoubleKernels.axpy(0.5, dx, 0, dout, 0, n);
        VectorDoubleKernels.relu(dx, 0, dout, 0, n);
        VectorDoubleKernels.reluBackward(dy, 0, dx, 0, dout, 0, n);
        VectorDoubleKernels.sumRows(dx, 0, 4, 50, dout, 0);
        VectorDoubleKernels.exp(dx, 0, dout, 0, n);
        VectorDoubleKernels.expReproducible(dx, 0, dout, 0, n);
        sinkD += VectorDoubleKernels.sum(dx, 0, n);
    }

    public static void main(String[] args) throws InterruptedException {
        if (!VectorSupport.enabled()) {
            System.out.println("SKIP: " + VectorSupport.describe());
            return;
        }
        poison();
        float[] a = new float[128 * 128], b = new float[128 * 128], c = new float[128 * 128];
        double[] da = new double[128 * 128], db = new double[128 * 128], dc = new double[128 * 128];
        for (int i = 0; i < a.length; i++) { a[i] = (i % 7 - 3) / 4f; b[i] = (i % 5 - 2) / 3f; da[i] = a[i]; db[i] = b[i]; }
        float[] x = new float[256], y = new float[256], o = new float[256], m = new float[256], v = new float[256];
        double[] dx = new double[256], dy = new double[256], dout = new double[256];
        for (int i = 0; i < x.length; i++) { x[i] = i % 9 - 4; y[i] = 1 + i % 4; dx[i] = x[i]; dy[i] = y[i]; v[i] = 1; }
        long end = System.nanoTime() + Long.parseLong(args.length > 0 ? args[0] : "6") * 1_000_000_000L;
        int rounds = 0;
        while (System.nanoTime() < end) {
            gemms(a, b, c, da, db, dc);
            for (int i = 0; i < 50; i++) elementwise(x, y, o, m, v, dx, dy, dout, i);
            rounds++;
        }
        System.out.println("DONE rounds=" + rounds);
    }
}
