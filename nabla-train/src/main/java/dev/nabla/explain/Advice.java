package dev.nabla.explain;

/**
 * One warning of the {@link Advisor}: what is wrong in plain words, the measurements that show it, and
 * what to try.
 *
 * @param kind the problem
 * @param layer the layer it concerns ("0", "2", ...), or null for the whole run
 * @param message the problem in plain words
 * @param evidence the numbers it was decided from
 * @param hint what usually fixes it
 */
public record Advice(Kind kind, String layer, String message, String evidence, String hint) {
    /** The problems the advisor recognises. */
    public enum Kind {
        VANISHING_GRADIENTS, EXPLODING_GRADIENTS, DEAD_RELUS, LEARNING_RATE_TOO_HIGH, LEARNING_RATE_TOO_LOW, LOSS_PLATEAU;

        /** "vanishing-gradients" etc. */
        public String id() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }
    }

    @Override public String toString() {
        return "warning (" + kind.id() + "): " + message + "\n  evidence: " + evidence + "\n  hint: " + hint;
    }
}
