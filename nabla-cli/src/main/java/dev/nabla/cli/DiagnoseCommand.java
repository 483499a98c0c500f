package dev.nabla.cli;

import dev.nabla.explain.Advice;
import dev.nabla.explain.Demonstrations;
import dev.nabla.explain.Diagnostics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nabla diagnose}: demonstrations of training problems and their fixes. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Show a training problem and its fix: small seeded training runs with per-layer gradient norms, warnings",
                "decided from the measurements, and a plot per run (PNG + SVG) in --out.",
                "  vanishing      deep sigmoid net vs ReLU + He initialisation",
                "  exploding      too-high learning rate → NaN; anomaly mode names the op; clipping or a smaller rate fixes it",
                "  dead-relu      negative biases kill ReLUs; LeakyReLU or zero biases fix it",
                "  learning-rate  too low / good / too high"},
        footer = {"", "Example:", "  nabla diagnose vanishing --out diagnose"})
final class DiagnoseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROBLEM", description = "vanishing, exploding, dead-relu or learning-rate.")
    String problem;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the plots go (default: ${DEFAULT-VALUE}).", defaultValue = "diagnose")
    Path out;

    @Option(names = "--seed", description = "Seed of data and initialisation (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--json", description = "Print the runs, per-layer numbers and warnings as JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override public Integer call() throws Exception {
        if (!Demonstrations.NAMES.contains(problem)) {
            throw new UsageException("unknown problem '" + problem + "' (expected one of " + String.join(", ", Demonstrations.NAMES) + ")");
        }
        Demonstrations.Result r = Demonstrations.run(problem, out, seed);
        var pw = spec.commandLine().getOut();
        if (json) pw.println(Json.write(tree(r)));
        else pw.print(text(r));
        pw.flush();
        return 0;
    }

    static String text(Demonstrations.Result r) {
        StringBuilder sb = new StringBuilder("nabla diagnose " + r.name() + ": " + r.problem() + "\n\n");
        for (Demonstrations.Run run : r.runs()) {
            sb.append("── ").append(run.label()).append(" (").append(run.setup()).append(")\n");
            sb.append(String.format(Locale.ROOT, "   loss: epoch 1 %s → epoch %d %s%n", fmt(run.firstLoss()), run.history().size(), fmt(run.lastLoss())));
            Diagnostics.EpochRecord first = run.history().get(0);
            sb.append("   epoch 1 per layer (input → output):\n");
            sb.append(String.format(Locale.ROOT, "     %-6s %-11s %-12s %-12s %-12s %s%n", "layer", "activation", "grad norm", "weight norm", "update/wt", "dead/saturated"));
            for (Diagnostics.LayerStats s : first.layers()) {
                String act = Double.isNaN(s.deadShare()) ? (Double.isNaN(s.saturatedShare()) ? "-" : pct(s.saturatedShare()) + " saturated") : pct(s.deadShare()) + " dead";
                sb.append(String.format(Locale.ROOT, "     %-6s %-11s %-12s %-12s %-12s %s%n", s.layer(), s.activation(), fmt(s.gradNorm()), fmt(s.weightNorm()),
                        fmt(s.updateRatio()), act));
            }
            if (run.advice().isEmpty()) sb.append("   no warnings\n");
            for (Advice a : run.advice()) sb.append("   ").append(a.toString().replace("\n", "\n   ")).append('\n');
            if (run.anomaly() != null) sb.append("   anomaly mode: ").append(run.anomaly()).append('\n');
            for (Path p : run.plots()) sb.append("   plot: ").append(p).append('\n');
            sb.append('\n');
        }
        return sb.append(r.summary()).append('\n').toString();
    }

    private static String fmt(double v) { return dev.nabla.explain.ExplanationFormat.num(v, 3); }

    private static String pct(double v) { return String.format(Locale.ROOT, "%.0f%%", 100 * v); }

    static Map<String, Object> tree(Demonstrations.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("problem", r.name());
        m.put("title", r.problem());
        List<Object> runs = new ArrayList<>();
        for (Demonstrations.Run run : r.runs()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("id", run.id());
            rm.put("label", run.label());
            rm.put("setup", run.setup());
            rm.put("first_loss", run.firstLoss());
            rm.put("last_loss", run.lastLoss());
            List<Object> epochs = new ArrayList<>();
            for (Diagnostics.EpochRecord e : run.history()) {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("epoch", e.epoch());
                em.put("loss", e.loss());
                List<Object> ls = new ArrayList<>();
                for (Diagnostics.LayerStats s : e.layers()) {
                    Map<String, Object> sm = new LinkedHashMap<>();
                    sm.put("layer", s.layer());
                    sm.put("activation", s.activation());
                    sm.put("grad_norm", s.gradNorm());
                    sm.put("weight_norm", s.weightNorm());
                    sm.put("update_ratio", s.updateRatio());
                    sm.put("dead_share", s.deadShare());
                    sm.put("saturated_share", s.saturatedShare());
                    ls.add(sm);
                }
                em.put("layers", ls);
                epochs.add(em);
            }
            rm.put("epochs", epochs);
            List<Object> adv = new ArrayList<>();
            for (Advice a : run.advice()) {
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("kind", a.kind().id());
                am.put("layer", a.layer());
                am.put("message", a.message());
                am.put("evidence", a.evidence());
                am.put("hint", a.hint());
                adv.add(am);
            }
            rm.put("warnings", adv);
            rm.put("anomaly", run.anomaly());
            rm.put("plots", run.plots().stream().map(Path::toString).toList());
            runs.add(rm);
        }
        m.put("runs", runs);
        m.put("summary", r.summary());
        return m;
    }
}
