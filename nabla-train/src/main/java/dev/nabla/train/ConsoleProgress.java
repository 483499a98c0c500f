package dev.nabla.train;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A live progress bar per epoch on the terminal (me.tongfei progressbar): batches done, rate
 * (batches/s), elapsed time, ETA and the running loss; the epoch's summary line replaces it when the
 * epoch ends. The bar is drawn on standard error so standard output stays clean.
 */
public final class ConsoleProgress implements Progress {
    private final PrintWriter out;
    private ProgressBar bar;

    public ConsoleProgress(PrintWriter out) { this.out = out; }

    @Override public void epochStart(int epoch, int epochs, int batches) {
        close();
        bar = new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                .setInitialMax(batches)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(200)
                .setUnit(" batches", 1)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.out)) // stdout: the terminal the console check saw; the launcher filters stderr line by line
                .clearDisplayOnFinish()
                .build();
    }

    @Override public void batch(int batch, double runningLoss) {
        if (bar == null) return;
        bar.stepTo(batch);
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", runningLoss));
    }

    @Override public void epochEnd(History.Row row, int epochs, double sps) {
        close();
        out.println(Progress.epochLine(row, epochs, sps));
        out.flush();
    }

    @Override public void message(String line) {
        out.println(line);
        out.flush();
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
