package dev.nabla.cli;

import dev.nabla.DType;
import dev.nabla.lessons.Walkthrough;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nabla walkthrough}: the first seed tutorial's worked example of forward and back-propagation,
 * computed by Nabla's autograd, every value printed with the chain-rule formula behind it.
 */
@Command(name = "walkthrough", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "The seed tutorial's worked example, computed by Nabla's tensors and autograd.",
            "",
            "Network 1-1-1:  z1 = w1·x + b1,  a1 = σ(z1),  y_pred = w2·a1 + b2,",
            "loss L = (y_true − y_pred)².  Prints, in the tutorial's order, each value",
            "with the chain-rule formula that produced it: z1, a1, y_pred, L; then the",
            "gradients backward() computed: ∂L/∂y_pred, ∂L/∂w2, ∂L/∂b2, ∂L/∂a1, σ'(z1),",
            "∂L/∂w1, ∂L/∂b1; the parameters after one SGD step; the new prediction, the",
            "new loss and the change. Change any number to see how the gradients respond.",
            ""},
        footer = {"", "Examples:",
            "  nabla walkthrough                     the tutorial's numbers: x=3, y_true=2.5,",
            "                                        w1=2, b1=-1, w2=1.5, b2=0.5, lr=0.1",
            "  nabla walkthrough --activation relu   ReLU: its derivative is 1 for z1 > 0",
            "  nabla walkthrough --steps 20          20 steps: the last one and every loss",
            "  nabla walkthrough --lr 2              too large a step: the loss goes up",
            "  nabla walkthrough --dtype float32 --json",
            "",
            "--json prints one object with the keys z1 a1 y_pred loss dL_dy_pred dL_dw2",
            "dL_db2 dL_da1 dsigma_dz1 dL_dw1 dL_db1 w1_new b1_new w2_new b2_new y_pred_new",
            "loss_new loss_change, and losses (every step's loss) when --steps > 1."})
public final class WalkthroughCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--x", defaultValue = "3.0", paramLabel = "X", description = "Input x (default: ${DEFAULT-VALUE}).")
    double x;

    @Option(names = "--y-true", defaultValue = "2.5", paramLabel = "Y", description = "Target y_true (default: ${DEFAULT-VALUE}).")
    double yTrue;

    @Option(names = "--w1", defaultValue = "2.0", paramLabel = "W", description = "Hidden weight w1 (default: ${DEFAULT-VALUE}).")
    double w1;

    @Option(names = "--b1", defaultValue = "-1.0", paramLabel = "B", description = "Hidden bias b1 (default: ${DEFAULT-VALUE}).")
    double b1;

    @Option(names = "--w2", defaultValue = "1.5", paramLabel = "W", description = "Output weight w2 (default: ${DEFAULT-VALUE}).")
    double w2;

    @Option(names = "--b2", defaultValue = "0.5", paramLabel = "B", description = "Output bias b2 (default: ${DEFAULT-VALUE}).")
    double b2;

    @Option(names = "--lr", defaultValue = "0.1", paramLabel = "LR", description = "Learning rate of the SGD step, ≥ 0 (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--activation", defaultValue = "sigmoid", paramLabel = "NAME",
            description = "Hidden activation: sigmoid, relu or tanh (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--steps", defaultValue = "1", paramLabel = "N",
            description = "Number of SGD steps, 1 to 1000000; the table shows the last one (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--dtype", defaultValue = "float64", paramLabel = "DTYPE",
            description = "float32 or float64 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Override public Integer call() {
        Walkthrough.Config c = config();
        Walkthrough.Result r = Walkthrough.run(c);
        PrintWriter out = spec.commandLine().getOut();
        if (json) out.println(Json.write(LessonText.walkthroughJson(r)));
        else LessonText.walkthrough(out, r);
        out.flush();
        return 0;
    }

    private Walkthrough.Config config() {
        DType dt;
        try {
            dt = DType.parse(dtype);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dtype: " + e.getMessage());
        }
        try {
            return new Walkthrough.Config(x, yTrue, w1, b1, w2, b2, lr, activation, steps, dt);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
