package dev.nabla.cli;

/** A bad combination of arguments found after parsing: reported with the usage and exit code 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) { super(message); }
}
