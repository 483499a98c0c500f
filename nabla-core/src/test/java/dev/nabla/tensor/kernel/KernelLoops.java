package dev.nabla.tensor.kernel;

/**
 * Test access to the GEMM micro-kernels for {@code dev.nabla.jit.PoisonedProfileMain}: runs each kernel's k loop
 * once over a very long {@code kc}, still in the interpreter, so that the JIT compiles the loop on-stack (OSR).
 * An OSR compile takes the loop's vectors from the interpreter frame with only their declared type, the case
 * in which the broken bench runs lost the kernels' intrinsics.
 */
public final class KernelLoops {
    private KernelLoops() {}

    /** Runs every micro-kernel once with {@code kc} k steps. */
    public static void runLongLoops(int kc) {
        int nr = VectorGemmF32.NR;
        float[] ap = new float[14 * kc + 16], bp = new float[nr * kc + nr], a = new float[16 * kc + 16], t = new float[14 * nr];
        VectorGemmF32.kernel14(kc, ap, 0, bp, 0, t);
        VectorGemmF32.kernel8(kc, ap, 0, bp, 0, t);
        VectorGemmF32.kernelRowsOfA14(kc, a, 0, kc, bp, 0, t);
        VectorGemmF32.kernelRowsOfA8(kc, a, 0, kc, bp, 0, t);
        VectorGemmF32.kernelColumnsOfA14(kc, a, 0, 16, bp, 0, t);
        VectorGemmF32.kernelColumnsOfA8(kc, a, 0, 16, bp, 0, t);
        int dnr = VectorGemmF64.NR;
        double[] dap = new double[VectorGemmF64.MR * kc + 16], dbp = new double[dnr * kc + dnr], dt = new double[VectorGemmF64.MR * dnr];
        VectorGemmF64.kernel(kc, dap, 0, dbp, 0, dt);
    }
}
