package dev.nabla.train;

import dev.nabla.Tensor;
import dev.nabla.explain.Advice;
import dev.nabla.explain.Diagnostics;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Feeds {@link Diagnostics} from the training loop (per-layer gradient and weight norms, update
 * ratios, dead and saturated units) and passes each new warning to {@code sink} once. Register it
 * before {@link GradientClipping} so it sees the raw gradients.
 */
public final class DiagnosticsCallback implements Callback {
    private final Diagnostics diagnostics;
    private final Consumer<String> sink;
    private final Set<String> told = new LinkedHashSet<>();

    public DiagnosticsCallback(Diagnostics diagnostics, Consumer<String> sink) {
        this.diagnostics = diagnostics;
        this.sink = sink;
    }

    public Diagnostics diagnostics() { return diagnostics; }

    @Override public void afterBackward(TrainContext ctx, Tensor loss) { diagnostics.afterBackward(loss); }

    @Override public void afterStep(TrainContext ctx) { diagnostics.afterStep(); }

    @Override public void onEpochEnd(TrainContext ctx, History.Row row) {
        diagnostics.endEpoch();
        for (Advice a : diagnostics.advice()) {
            String key = a.kind() + "/" + a.layer();
            if (told.add(key)) sink.accept("epoch " + row.epoch() + ": " + a);
        }
    }
}
