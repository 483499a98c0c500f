package dev.nabla.tensor.kernel;

import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pins a Vector API value to its exact class ({@code Float512Vector} and the like) before it is used as a
 * receiver, so that C2 binds the vector's methods statically instead of through a type profile.
 *
 * <p>Why: a vector that a loop carries (an accumulator) or that is merged after an {@code if} has only its
 * declared type ({@code FloatVector}) when C2 parses the code after the loop. C2 then inlines
 * {@code vspecies()} and {@code length()} through the receiver-type profile of {@code FloatVector.intoArray}
 * (or {@code add}, {@code reduceLanes}, ...), a profile that the whole program shares. Once that site has seen one
 * class-check deoptimization anywhere (say, one call with a 256-bit vector), every later compile keeps a virtual
 * call on the profile miss; the species is then no compile-time constant, the intrinsic fails
 * ({@code -XX:+PrintIntrinsics}: "missing constant: vclass=DecodeN"), and the vector is boxed on every use: a
 * GEMM falls from ~250 to ~5 GFLOP/s for the life of the JVM. {@link Class#cast} with a constant class (the
 * species is a static final) is a C2 intrinsic whose result has the exact (final) class, so no profile is
 * consulted. The check costs a compare, outside inner loops. {@code ExactVectorsTest} reproduces the poisoned profile and checks the kernels survive it.
 */
final class ExactVectors {
    private ExactVectors() {}

    /**
     * The exact class of species {@code s}'s vectors, to keep in a {@code static final} field and use as
     * {@code EXACT.cast(v)} right in the kernel: a helper method around the cast would not do, since C2 stops
     * inlining small methods once a kernel is big ("NodeCountInliningCutoff"), while an intrinsic always applies.
     */
    @SuppressWarnings("unchecked")
    static <V extends Vector<?>> Class<? extends V> classOf(VectorSpecies<?> s) {
        return (Class<? extends V>) s.vectorType();
    }
}
