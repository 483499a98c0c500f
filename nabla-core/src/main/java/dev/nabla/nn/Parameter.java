package dev.nabla.nn;

import dev.nabla.Tensor;

/**
 * A learnable tensor registered on a {@link Module} under a name: a leaf that requires a gradient.
 * The slot can be re-pointed (for dtype conversion) while the name stays; optimizers see
 * {@link #value()}.
 */
public final class Parameter {
    private final String name;
    private Tensor value;

    Parameter(String name, Tensor value) {
        this.name = name;
        set(value);
    }

    public String name() { return name; }

    /** The tensor holding the current values (a leaf with requiresGrad). */
    public Tensor value() { return value; }

    /** The gradient of the value, or null. */
    public Tensor grad() { return value.grad(); }

    void set(Tensor t) {
        if (!t.isLeaf()) throw new IllegalArgumentException("parameter '" + name + "' must be a leaf tensor (use detach())");
        this.value = t.requiresGrad(true);
    }
}
