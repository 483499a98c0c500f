package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nabla.DType;
import dev.nabla.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Optimizer state that decays toward zero (one step with a gradient of 1, then gradients of 0) never holds a
 * subnormal number and ends exactly at 0, on every update path: the fused float32 kernels (momentum SGD, Adam)
 * and the element-by-element ones (SGD with dampening or Nesterov, float64 parameters, RMSprop). By hand: each
 * state value shrinks by its decay factor d per step, so it passes MIN_NORMAL after about
 * ln(MIN_NORMAL / x₀) / ln(d) steps (≈ 830 for d = 0.9 in float32, ≈ 6 700 in float64, ≈ 125 for d = 0.5 in
 * float32); the test runs past that and checks every step on the way.
 */
class SubnormalStateTest {

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("SGD momentum, float32 (fused kernel)", DType.FLOAT32, 1000,
                        (Function<Tensor, Optimizer>) p -> new SGD(List.of(p), 0.05, 0.9)),
                Arguments.of("SGD momentum + dampening, float32 (element by element)", DType.FLOAT32, 1000,
                        (Function<Tensor, Optimizer>) p -> new SGD(List.of(p), 0.05, 0.9, 0.1, 0, false)),
                Arguments.of("SGD Nesterov, float64", DType.FLOAT64, 7000,
                        (Function<Tensor, Optimizer>) p -> new SGD(List.of(p), 0.05, 0.9, 0, 0, true)),
                Arguments.of("Adam, float32 (fused kernel)", DType.FLOAT32, 300,
                        (Function<Tensor, Optimizer>) p -> new Adam(List.of(p), 1e-3, 0.5, 0.5, 1e-8, 0, false)),
                Arguments.of("AdamW, float64", DType.FLOAT64, 1200,
                        (Function<Tensor, Optimizer>) p -> new AdamW(List.of(p), 1e-3, 0.5, 0.5, 1e-8, 0)),
                Arguments.of("RMSprop centered + momentum, float32", DType.FLOAT32, 1000,
                        (Function<Tensor, Optimizer>) p -> new RMSprop(List.of(p), 1e-3, 0.5, 1e-8, 0, 0.9, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void decayingStateIsFlushedToExactlyZero(String name, DType dtype, int steps, Function<Tensor, Optimizer> make) {
        int n = 37; // two full 16-lane vectors and a tail
        double minNormal = dtype == DType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        Tensor p = Tensor.zeros(dtype, n).requiresGrad(true);
        Optimizer opt = make.apply(p);
        Tensor ones = Tensor.ones(dtype, n), zeros = Tensor.zeros(dtype, n);
        for (int t = 0; t < steps; t++) {
            opt.zeroGrad();
            p.mul(t == 0 ? ones : zeros).sum().backward();
            opt.step();
            for (Map.Entry<String, Tensor> e : opt.stateDict().entrySet()) {
                if (e.getKey().equals("step") || e.getKey().equals("lr")) continue;
                double[] s = e.getValue().toDoubleArray();
                for (int i = 0; i < s.length; i++) {
                    double x = s[i];
                    if (x != 0 && Math.abs(x) < minNormal) fail(name + ": " + e.getKey() + "[" + i + "] = " + x + " is subnormal after step " + (t + 1));
                }
            }
        }
        for (Map.Entry<String, Tensor> e : opt.stateDict().entrySet()) {
            if (e.getKey().equals("step") || e.getKey().equals("lr")) continue;
            double[] s = e.getValue().toDoubleArray();
            for (int i = 0; i < s.length; i++) assertEquals(0.0, s[i], 0.0, name + ": " + e.getKey() + "[" + i + "] after " + steps + " steps");
        }
        assertTrue(p.get(0) < 0, name + ": the first step moved the parameter");
    }
}
