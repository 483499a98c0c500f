package dev.nabla.train;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Reports training as it goes. {@link #auto} picks a live progress bar ({@link ConsoleProgress}: rate,
 * ETA and running loss, on the terminal) when there is a console and plain lines otherwise
 * ({@link #lines}: one line per epoch, for logs, pipes and {@code --json}).
 */
public interface Progress {
    /** An epoch of {@code batches} batches begins. */
    default void epochStart(int epoch, int epochs, int batches) {}

    /** Batch {@code batch} (1-based in the epoch) is done; {@code runningLoss} is the epoch's mean loss so far. */
    default void batch(int batch, double runningLoss) {}

    /** The epoch is done; {@code samplesPerSecond} counts training samples. */
    default void epochEnd(History.Row row, int epochs, double samplesPerSecond) {}

    /** A note (a skipped step, a warning). */
    default void message(String line) {}

    /** Prints nothing. */
    static Progress silent() { return new Progress() {}; }

    /** One line per epoch and per note on {@code out}. */
    static Progress lines(PrintWriter out) {
        return new Progress() {
            @Override public void epochEnd(History.Row row, int epochs, double sps) {
                out.println(epochLine(row, epochs, sps));
                out.flush();
            }

            @Override public void message(String line) {
                out.println(line);
                out.flush();
            }
        };
    }

    /** A progress bar when {@code System.console()} is present and {@code plain} is false, else {@link #lines}. */
    static Progress auto(PrintWriter out, boolean plain) {
        return !plain && System.console() != null ? new ConsoleProgress(out) : lines(out);
    }

    /** "epoch  3/30  train_loss 0.2345  val_loss 0.2456  val_accuracy 0.9650  lr 0.01  0.05 s  20000 samples/s". */
    static String epochLine(History.Row row, int epochs, double sps) {
        int w = Integer.toString(epochs).length();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %" + w + "d/%d  train_loss %.4f", row.epoch(), epochs, row.trainLoss()));
        if (!Double.isNaN(row.valLoss())) sb.append(String.format(Locale.ROOT, "  val_loss %.4f", row.valLoss()));
        for (Map.Entry<String, Double> e : row.metrics().entrySet()) {
            if (!Double.isNaN(e.getValue())) sb.append(String.format(Locale.ROOT, "  %s %.4f", e.getKey(), e.getValue()));
        }
        sb.append(String.format(Locale.ROOT, "  lr %.3g  %.2f s  %.0f samples/s", row.lr(), row.seconds(), sps));
        return sb.toString();
    }
}
