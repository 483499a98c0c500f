package dev.nabla.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves a checkpoint to {@code file} whenever the monitored loss (validation loss, or training loss
 * without validation) reaches a new minimum, so {@code file} always holds the best weights seen.
 */
public final class KeepBestCheckpoint implements Callback {
    private final Path file;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;

    public KeepBestCheckpoint(Path file) { this.file = file; }

    @Override public void onTrainStart(TrainContext ctx) {
        for (History.Row r : ctx.history().rows()) {
            double v = EarlyStopping.monitored(r);
            if (v < best) { best = v; bestEpoch = r.epoch(); }
        }
    }

    @Override public void onEpochEnd(TrainContext ctx, History.Row row) {
        double v = EarlyStopping.monitored(row);
        if (v < best) {
            best = v;
            bestEpoch = row.epoch();
            try {
                ctx.saveCheckpoint(file);
            } catch (IOException e) {
                throw new UncheckedIOException("keep-best checkpoint " + file + ": " + e.getMessage(), e);
            }
        }
    }

    public Path file() { return file; }

    public double best() { return best; }

    /** The epoch whose weights are in {@link #file()} (0 before any). */
    public int bestEpoch() { return bestEpoch; }
}
