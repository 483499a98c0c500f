package dev.nabla;

/** A tensor saved for backward was modified in place afterwards (detected by the storage version counter, as in PyTorch). */
public class InPlaceModificationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public InPlaceModificationException(String message) { super(message); }
}
