package dev.nabla.autograd;

/**
 * A scope that turns gradient recording off (or back on) for the current thread and restores the
 * previous mode when closed; the Java shape of {@code with torch.no_grad():}.
 * <pre>{@code try (var g = Autograd.noGrad()) { ... } }</pre>
 */
public final class GradMode implements AutoCloseable {
    private final boolean previous;

    GradMode(boolean enabled) {
        previous = Autograd.ENABLED.get();
        Autograd.ENABLED.set(enabled);
    }

    @Override public void close() { Autograd.ENABLED.set(previous); }
}
