package dev.nabla.cli;

import dev.nabla.Tensor;
import dev.nabla.explain.Explainer;
import dev.nabla.explain.Explanation;
import dev.nabla.explain.ExplanationFormat;
import dev.nabla.explain.NetworkSpec;
import dev.nabla.optim.Optimizers;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nabla explain}: one training step of a small network, every number of forward and backward propagation. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Show one training step number by number, read off the real autograd graph: the forward pass node by node,",
                "the backward pass in reverse (local derivative × upstream gradient = chain-rule product, accumulated where a",
                "value feeds two nodes), and the optimizer's update of every parameter."},
        footer = {"", "Examples:", "  nabla explain --tutorial",
                "  nabla explain --layers 2,3,1 --activation relu --input \"0.5,1.0;0.2,0.1\" --target \"1;0\" --optimizer adam --lr 0.01"})
final class ExplainCommand implements Callable<Integer> {
    @Mixin NetworkOptions net;

    @Option(names = "--optimizer", description = "sgd, adam, adamw, rmsprop (default: ${DEFAULT-VALUE}).", defaultValue = "sgd")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate (default: ${DEFAULT-VALUE}).", defaultValue = "0.1")
    double lr;

    @Option(names = "--format", description = "text or markdown (default: ${DEFAULT-VALUE}).", defaultValue = "text")
    String format;

    @Option(names = "--digits", description = "Significant digits in text/markdown; 0 = exact (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    int digits;

    @Option(names = "--json", description = "Print JSON: every node (id, op, inputs, value, grad), every parameter (value, grad, new value).")
    boolean json;

    @Spec CommandSpec spec;

    @Override public Integer call() {
        if (!format.equals("text") && !format.equals("markdown")) throw new UsageException("--format must be text or markdown, got '" + format + "'");
        if (json && !format.equals("text")) throw new UsageException("--json and --format markdown exclude each other");
        if (!Optimizers.NAMES.contains(optimizer)) throw new UsageException("unknown optimizer '" + optimizer + "' (expected one of " + String.join(", ", Optimizers.NAMES) + ")");
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new UsageException("Invalid learning rate: " + lr);
        if (digits < 0 || digits > 17) throw new UsageException("--digits must be between 0 and 17");
        NetworkSpec s = net.spec();
        Tensor[] b = net.batch(s, 1);
        Explanation e = Explainer.explain(s, b[0], b[1], optimizer, lr);
        var out = spec.commandLine().getOut();
        if (json) out.println(Json.write(e.toTree()));
        else out.print(format.equals("markdown") ? ExplanationFormat.markdown(e, digits) : ExplanationFormat.text(e, digits));
        out.flush();
        return 0;
    }
}
