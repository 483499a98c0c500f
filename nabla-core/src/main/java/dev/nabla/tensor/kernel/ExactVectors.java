package dev.nabla.tensor.kernel;

import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pins a Vector API value to its exact class ({@code Float512Vector} and the like) before it is used as a
 * receiver, so that C2 binds the vector's methods statically instead of through a type profile.
 *
 * <p>Why: C2 intrinsifies a vector op only when the vector's class is a compile-time constant, and it takes the
 * class from the receiver ({@code this.vspecies()}). A receiver whose exact class C2 does not know when it parses
 * the call (an accumulator a loop carries, a value merged after an {@code if}, and in JDK 17 often the result of
 * {@code fromArray} or of another op) is typed through the receiver-type profile of {@code FloatVector.intoArray}
 * (or {@code add}, {@code reduceLanes}, ...), a profile the whole JVM shares. Once that call site has seen a second
 * class or a class-check deoptimization (one call with a 256-bit vector anywhere is enough), every later compile
 * keeps a virtual call on the profile miss; the species is then no constant, the intrinsic fails
 * ({@code -XX:+PrintIntrinsics}: "missing constant: vclass=DecodeN") and the vector is boxed on every use: a GEMM
 * falls from ~250 to ~5 GFLOP/s for the life of the JVM. {@link Class#cast} with a constant class (the species is
 * a static final) is a C2 intrinsic whose result has the exact, final class, so no profile is read; where the
 * type was exact already the cast folds away. {@code KernelsUnderPoisonedProfilesTest} poisons the profiles in a
 * child JVM and checks in C2's log that every kernel stays intrinsified.
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
