package dev.nabla;

/** An op got operands of different dtypes (float32 vs float64); Nabla never converts silently. */
public class DTypeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DTypeMismatchException(String message) { super(message); }
}
