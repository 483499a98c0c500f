package dev.nabla;

/** An op got operands whose shapes do not fit; the message names the op and both shapes. */
public class ShapeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeMismatchException(String message) { super(message); }
}
