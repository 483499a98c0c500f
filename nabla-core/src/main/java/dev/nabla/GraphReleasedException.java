package dev.nabla;

/** backward() reached a node whose graph was already released by an earlier backward() (pass retainGraph to keep it). */
public class GraphReleasedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public GraphReleasedException(String message) { super(message); }
}
