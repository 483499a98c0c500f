package dev.nabla.cli;

import dev.nabla.Tensor;
import dev.nabla.explain.NetworkSpec;
import dev.nabla.nn.Mlp;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The network options shared by {@code explain}, {@code graph} and {@code gradcheck}. */
final class NetworkOptions {
    @Option(names = "--layers", description = "Layer widths, input first (default: ${DEFAULT-VALUE}).", defaultValue = "2,3,1")
    String layers;

    @Option(names = "--activation", description = "Hidden activation: sigmoid, relu, tanh (default: ${DEFAULT-VALUE}).", defaultValue = "sigmoid")
    String activation;

    @Option(names = "--loss", description = "Loss: mse, bce (adds a final sigmoid), cross-entropy (default: ${DEFAULT-VALUE}).", defaultValue = "mse")
    String loss;

    @Option(names = "--weights", paramLabel = "FILE", description = "Weights file (.safetensors, names as a checkpoint: 0.weight, 0.bias, ...).")
    Path weights;

    @Option(names = "--set", paramLabel = "NAME=V1,V2", description = "Set a parameter's values (row-major), e.g. --set 0.weight=2.0; repeatable.")
    List<String> set;

    @Option(names = "--seed", description = "Seed of the initialisation (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--input", paramLabel = "X", description = "Input batch: values by ',', samples by ';', e.g. \"0.5,1.0;0.2,0.1\".")
    String input;

    @Option(names = "--target", paramLabel = "Y", description = "Targets, one row per sample (class index for cross-entropy).")
    String target;

    @Option(names = "--tutorial", description = "The seed tutorial's 1-1-1 example: x=3, w1=2, b1=-1, w2=1.5, b2=0.5, sigmoid, y=2.5, mse.")
    boolean tutorial;

    /** The network spec, with a clear usage error for bad values. */
    NetworkSpec spec() {
        try {
            NetworkSpec s = tutorial ? NetworkSpec.tutorial() : new NetworkSpec(Mlp.parseLayers(layers), activation, loss, seed, Map.of(), Map.of());
            s = s.withSeed(seed);
            if (weights != null) s = s.withWeights(WeightsFile.read(weights));
            if (set != null) {
                Map<String, double[]> v = new LinkedHashMap<>(s.values());
                for (String a : set) {
                    Map.Entry<String, double[]> e = NetworkSpec.parseAssignment(a);
                    v.put(e.getKey(), e.getValue());
                }
                s = s.withValues(v);
            }
            s.build(); // names and sizes of --weights/--set are checked here, as usage errors
            return s;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The batch: parsed --input/--target, the tutorial's, or a seeded random batch of {@code randomSize}. */
    Tensor[] batch(NetworkSpec s, int randomSize) {
        if ((input == null) != (target == null)) throw new UsageException("--input and --target go together");
        try {
            if (input != null) {
                Tensor x = NetworkSpec.parseRows(input, s.inputs(), "input");
                return new Tensor[] {x, s.parseTargets(target, x.size(0))};
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (tutorial) return new Tensor[] {Tensor.fromArray(new double[] {3.0}, 1, 1), Tensor.fromArray(new double[] {2.5}, 1, 1)};
        return s.randomBatch(randomSize, seed + 1);
    }
}
