package dev.nabla.train;

import java.util.Locale;

/**
 * Stops training when the monitored loss has not improved by more than {@code minDelta} for
 * {@code patience} epochs in a row, as Keras' {@code EarlyStopping}: the validation loss when there is
 * validation, the training loss otherwise. "Improved" means below best − minDelta.
 */
public final class EarlyStopping implements Callback {
    private final int patience;
    private final double minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int wait;

    public EarlyStopping(int patience, double minDelta) {
        if (patience < 1) throw new IllegalArgumentException("EarlyStopping: patience must be at least 1, got " + patience);
        if (!(minDelta >= 0)) throw new IllegalArgumentException("EarlyStopping: minDelta must be non-negative, got " + minDelta);
        this.patience = patience;
        this.minDelta = minDelta;
    }

    @Override public void onTrainStart(TrainContext ctx) {
        best = Double.POSITIVE_INFINITY;
        wait = 0;
        for (History.Row r : ctx.history().rows()) observe(ctx, r); // a resumed run continues the count
    }

    @Override public void onEpochEnd(TrainContext ctx, History.Row row) { observe(ctx, row); }

    private void observe(TrainContext ctx, History.Row row) {
        double v = monitored(row);
        if (v < best - minDelta) {
            best = v;
            bestEpoch = row.epoch();
            wait = 0;
        } else if (++wait >= patience) {
            ctx.requestStop(String.format(Locale.ROOT, "early stopping: %s has not improved by more than %g for %d epochs (best %.6g at epoch %d)",
                    Double.isNaN(row.valLoss()) ? "train_loss" : "val_loss", minDelta, patience, best, bestEpoch));
        }
    }

    static double monitored(History.Row row) { return Double.isNaN(row.valLoss()) ? row.trainLoss() : row.valLoss(); }

    /** The best monitored loss so far. */
    public double best() { return best; }

    /** The epoch of {@link #best()}. */
    public int bestEpoch() { return bestEpoch; }
}
