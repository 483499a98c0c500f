package dev.nabla.nn;

/**
 * Whether modules may record fused ops, per thread: {@link Linear} computes {@code x·Wᵀ + b} as one
 * {@code linear} node (bias added while the GEMM's output is still in cache, no intermediate {@code x·Wᵀ}
 * tensor), and {@link Sequential} runs a Linear followed by a {@link Activation.ReLU} as one {@code linearRelu}
 * node. Values and gradients are the same either way, bit for bit; only the recorded graph differs. On by
 * default; explanation tools turn it off to show the textbook graph u = x·Wᵀ, z = u + b, a = relu(z):
 * <pre>{@code try (var f = Fusion.disabled()) { Tensor y = model.forward(x); } }</pre>
 */
public final class Fusion implements AutoCloseable {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});
    private final boolean previous;

    private Fusion(boolean enabled) {
        boolean[] flag = ENABLED.get();
        previous = flag[0];
        flag[0] = enabled;
    }

    /** True when modules on this thread may record fused ops (the default). */
    public static boolean enabled() { return ENABLED.get()[0]; }

    /** Turns fusion off on this thread until the returned scope is closed. */
    public static Fusion disabled() { return new Fusion(false); }

    /** Turns fusion on on this thread until the returned scope is closed (inside a disabled region). */
    public static Fusion enabledScope() { return new Fusion(true); }

    /** Restores the previous setting. */
    @Override public void close() { ENABLED.get()[0] = previous; }
}
