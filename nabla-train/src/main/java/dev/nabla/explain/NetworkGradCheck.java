package dev.nabla.explain;

import dev.nabla.Tensor;
import dev.nabla.autograd.GradCheck;
import dev.nabla.loss.Loss;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finite-difference check of a whole network's gradients with {@link GradCheck}, in float64: the loss
 * as a function of every parameter at once, autograd's gradient against central differences, and the
 * largest relative error per parameter. Passes when every element satisfies
 * |autograd − numeric| ≤ atol + rtol·|numeric|.
 */
public final class NetworkGradCheck {
    private NetworkGradCheck() {}

    /** Default finite-difference step and tolerances (PyTorch's gradcheck defaults). */
    public static final double EPS = 1e-6, ATOL = 1e-5, RTOL = 1e-3;

    /** One parameter's result. */
    public record ParamResult(String name, int[] shape, double maxAbsError, double maxRelError, double analytic, double numeric, boolean passed) {}

    /** All parameters' results and the tolerance used. */
    public record Result(List<ParamResult> params, double eps, double atol, double rtol) {
        public boolean passed() { return params.stream().allMatch(ParamResult::passed); }

        public double maxRelError() { return params.stream().mapToDouble(ParamResult::maxRelError).max().orElse(0); }
    }

    /** Checks {@code spec}'s network on ({@code x}, {@code y}) with the default tolerances. */
    public static Result check(NetworkSpec spec, Tensor x, Tensor y) { return check(spec, x, y, EPS, ATOL, RTOL); }

    /** Checks {@code spec}'s network on ({@code x}, {@code y}). */
    public static Result check(NetworkSpec spec, Tensor x, Tensor y, double eps, double atol, double rtol) {
        Sequential model = spec.build();
        Loss loss = spec.lossFunction();
        Map<String, Tensor> named = model.namedParameters();
        List<String> names = new ArrayList<>(named.keySet());
        Tensor[] params = named.values().toArray(new Tensor[0]);
        GradCheck.Result r = GradCheck.check(ps -> loss.compute(forward(model, x, ps), y), eps, atol, rtol, params);
        List<ParamResult> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            GradCheck.InputReport ir = r.inputs().get(i);
            out.add(new ParamResult(names.get(i), ir.shape(), ir.maxAbsError(), ir.maxRelError(), ir.analytic(), ir.numeric(), ir.passed()));
        }
        return new Result(out, eps, atol, rtol);
    }

    /**
     * The Sequential's forward with its Linear layers' parameters taken from {@code ps} (in
     * {@code namedParameters()} order): the same ops as {@link Linear#forward}, x @ Wᵀ + b; every other
     * module runs its own forward.
     */
    static Tensor forward(Sequential model, Tensor x, Tensor[] ps) {
        Tensor h = x;
        int k = 0;
        for (int i = 0; i < model.size(); i++) {
            Module m = model.get(i);
            if (m instanceof Linear lin) {
                Tensor w = ps[k++];
                h = h.matmul(w.t());
                if (lin.bias() != null) h = h.add(ps[k++]);
            } else {
                h = m.forward(h);
            }
        }
        return h;
    }
}
