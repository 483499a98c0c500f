package dev.nabla.autograd;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.tensor.Shapes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Numerical gradient check, like {@code torch.autograd.gradcheck}: compares autograd's gradient with
 * central finite differences in float64. To check a non-scalar function with one backward pass it
 * checks the scalar {@code L = Σ f(x) ⊙ R} for a fixed random R, whose gradient is Jᵀ·R — any error
 * in the Jacobian J shows up (with probability one) in that product.
 */
public final class GradCheck {
    private GradCheck() {}

    /** The comparison for one input: the largest absolute and relative error over its elements. */
    public record InputReport(int input, int[] shape, double maxAbsError, double maxRelError, int worstIndex,
                              double analytic, double numeric, boolean passed) {
        @Override public String toString() {
            return String.format(java.util.Locale.ROOT, "input %d %s: max abs err %.3e, max rel err %.3e (element %d: autograd %.9g, numeric %.9g)",
                    input, Shapes.format(shape), maxAbsError, maxRelError, worstIndex, analytic, numeric);
        }
    }

    /** The reports of all inputs. */
    public record Result(List<InputReport> inputs) {
        /** True when every element of every input satisfied |autograd − numeric| ≤ atol + rtol·|numeric|. */
        public boolean passed() {
            for (InputReport r : inputs) if (!r.passed) return false;
            return true;
        }

        public double maxRelError() {
            double m = 0;
            for (InputReport r : inputs) m = Math.max(m, r.maxRelError);
            return m;
        }

        @Override public String toString() {
            StringBuilder sb = new StringBuilder();
            for (InputReport r : inputs) sb.append(r).append('\n');
            return sb.toString();
        }
    }

    /** Checks {@code f} at {@code inputs} (converted to float64): step 1e-6, atol 1e-5, rtol 1e-3 (torch's defaults). */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) { return check(f, 1e-6, 1e-5, 1e-3, inputs); }

    /** Checks {@code f} with finite-difference step {@code eps} and tolerance |a − n| ≤ atol + rtol·|n|. */
    public static Result check(Function<Tensor[], Tensor> f, double eps, double atol, double rtol, Tensor... inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = Tensor.fromArray(inputs[i].to(DType.FLOAT64).toDoubleArray().clone(), inputs[i].shape()).requiresGrad(true);
        }
        Tensor out0;
        try (GradMode g = Autograd.noGrad()) {
            out0 = f.apply(xs);
        }
        SplittableRandom rng = new SplittableRandom(12345);
        Tensor r = Tensor.rand(rng, DType.FLOAT64, out0.shape()).mul(2).sub(1);
        Tensor loss = f.apply(xs).mul(r).sum();
        loss.backward();
        List<InputReport> reports = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            double[] data = xs[i].storage().d;
            Tensor gi = xs[i].grad();
            double[] analytic = gi == null ? new double[data.length] : gi.toDoubleArray();
            double maxAbs = 0, maxRel = 0, worstA = 0, worstN = 0;
            int worst = -1;
            boolean ok = true;
            for (int j = 0; j < data.length; j++) {
                double orig = data[j];
                data[j] = orig + eps;
                double plus = eval(f, xs, r);
                data[j] = orig - eps;
                double minus = eval(f, xs, r);
                data[j] = orig;
                double numeric = (plus - minus) / (2 * eps);
                double abs = Math.abs(analytic[j] - numeric);
                if (!(abs <= atol + rtol * Math.abs(numeric))) ok = false;
                double rel = abs / Math.max(Math.max(Math.abs(numeric), Math.abs(analytic[j])), 1e-8);
                if (Double.isNaN(abs)) { abs = Double.POSITIVE_INFINITY; rel = Double.POSITIVE_INFINITY; }
                if (worst < 0 || abs > maxAbs) { worst = j; worstA = analytic[j]; worstN = numeric; }
                maxAbs = Math.max(maxAbs, abs);
                maxRel = Math.max(maxRel, Math.abs(numeric) < 1e-5 && abs < 1e-7 ? 0 : rel);
            }
            reports.add(new InputReport(i, xs[i].shape(), maxAbs, maxRel, worst, worstA, worstN, ok));
        }
        return new Result(reports);
    }

    private static double eval(Function<Tensor[], Tensor> f, Tensor[] xs, Tensor r) {
        try (GradMode g = Autograd.noGrad()) {
            return f.apply(xs).mul(r).sum().item();
        }
    }
}
