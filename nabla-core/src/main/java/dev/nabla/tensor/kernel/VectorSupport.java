package dev.nabla.tensor.kernel;

/**
 * Decides once whether Nabla's kernels use the Vector API ({@code jdk.incubator.vector}) or their scalar
 * fallbacks. The vector path is used when the module is in the boot layer (run with
 * {@code --add-modules jdk.incubator.vector}) and the system property {@code nabla.vector} is not
 * {@code false}. This class never touches Vector API types itself, so it is safe to load without the module.
 */
public final class VectorSupport {
    private VectorSupport() {}

    private static final boolean MODULE_PRESENT =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private static final boolean ENABLED =
            MODULE_PRESENT && !"false".equalsIgnoreCase(System.getProperty("nabla.vector", "true").trim());

    /** Whether module {@code jdk.incubator.vector} is present in the boot layer. */
    public static boolean modulePresent() {
        return MODULE_PRESENT;
    }

    /** Whether kernels dispatch to their Vector API implementations. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** A one-line description for logs and benchmarks, e.g. {@code "vector (512-bit)"} or {@code "scalar"}. */
    public static String describe() {
        if (!ENABLED) return MODULE_PRESENT ? "scalar (nabla.vector=false)" : "scalar (jdk.incubator.vector absent)";
        return "vector (" + VectorInfo.bits() + "-bit)";
    }

    /** Loaded only when the module is present. */
    private static final class VectorInfo {
        static int bits() {
            return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
        }
    }
}
