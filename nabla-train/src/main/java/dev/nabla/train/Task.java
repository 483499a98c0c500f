package dev.nabla.train;

import java.util.Locale;

/**
 * What a network is trained to do, which decides the metrics besides the loss: {@link #CLASSIFICATION}
 * (logits (N, C) against class indices (N,): accuracy), {@link #BINARY} (one output per sample against
 * 0/1 targets: accuracy at a threshold) or {@link #REGRESSION} (outputs against real targets of the same
 * shape: MAE, RMSE, R²).
 */
public enum Task {
    CLASSIFICATION, BINARY, REGRESSION;

    /** The task a loss implies: cross-entropy/nll → classification, bce/bce-with-logits → binary, else regression. */
    public static Task forLoss(String lossName) {
        switch (lossName.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "cross-entropy": case "ce": case "crossentropy": case "nll": return CLASSIFICATION;
            case "bce": case "bce-with-logits": case "bcewithlogits": return BINARY;
            default: return REGRESSION;
        }
    }

    /** Parses "classification", "binary" or "regression". */
    public static Task parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown task '" + s + "' (expected classification, binary or regression)");
        }
    }

    /** Lower-case name ("classification"). */
    public String label() { return name().toLowerCase(Locale.ROOT); }
}
