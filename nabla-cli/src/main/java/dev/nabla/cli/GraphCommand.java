package dev.nabla.cli;

import dev.nabla.Tensor;
import dev.nabla.explain.Explainer;
import dev.nabla.explain.Explanation;
import dev.nabla.explain.GraphExport;
import dev.nabla.explain.NetworkSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nabla graph}: the autograd graph of a network's loss as DOT, SVG and PNG. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Draw the autograd graph of a small network's loss (like micrograd's draw_dot / torchviz): a box per tensor",
                "with its shape (and with --values its value and gradient), an oval per op. Writes Graphviz DOT, and SVG and PNG",
                "laid out in Java (Eclipse Layout Kernel) — no external program needed; Graphviz's dot is used when on the PATH."},
        footer = {"", "Examples:", "  nabla graph --tutorial --values --out graphs", "  nabla graph --layers 2,3,1 --activation relu --output net.svg"})
final class GraphCommand implements Callable<Integer> {
    @Mixin NetworkOptions net;

    @Option(names = "--out", paramLabel = "DIR", description = "Write graph.dot, graph.svg and graph.png into DIR.")
    Path out;

    @Option(names = "--output", paramLabel = "FILE", description = "Write one file; the format follows the extension (.dot, .svg, .png).")
    Path output;

    @Option(names = "--values", description = "Show each tensor's value and gradient.")
    boolean values;

    @Option(names = "--no-graphviz", description = "Do not use Graphviz's dot even when it is on the PATH.")
    boolean noGraphviz;

    @Option(names = "--json", description = "Print the written files and the graph's nodes and edges as JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override public Integer call() throws Exception {
        if (out != null && output != null) throw new UsageException("give --out DIR or --output FILE, not both");
        if (out == null && output == null) throw new UsageException("say where to write: --out DIR or --output FILE");
        if (output != null) {
            String n = output.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (!(n.endsWith(".dot") || n.endsWith(".gv") || n.endsWith(".svg") || n.endsWith(".png"))) {
                throw new UsageException("--output: unknown picture format '" + output.getFileName() + "' (use .dot, .svg or .png)");
            }
        }
        NetworkSpec s = net.spec();
        Tensor[] b = net.batch(s, 1);
        Explanation e = Explainer.explain(s, b[0], b[1], "sgd", 0.0);
        GraphExport g = GraphExport.of(e, values).useGraphviz(!noGraphviz);
        List<Path> files = new ArrayList<>();
        if (out != null) files.addAll(g.writeAll(out, "graph"));
        else {
            g.write(output);
            files.add(output);
        }
        var pw = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("files", files.stream().map(Path::toString).toList());
            m.put("layout", GraphExport.dotOnPath() && !noGraphviz ? "graphviz" : "elk");
            m.put("nodes", g.nodes().stream().map(n -> Map.of("id", n.id(), "kind", n.op() ? "op" : "tensor", "label", String.join(" | ", n.lines()))).toList());
            m.put("edges", g.edges().stream().map(x -> List.of(x.from(), x.to())).toList());
            pw.println(Json.write(m));
        } else {
            pw.println("graph of " + s + ": " + g.nodes().size() + " nodes, " + g.edges().size() + " edges ("
                    + (GraphExport.dotOnPath() && !noGraphviz ? "Graphviz dot" : "ELK layout") + ")");
            for (Path p : files) pw.println("wrote " + p);
        }
        pw.flush();
        return 0;
    }
}
