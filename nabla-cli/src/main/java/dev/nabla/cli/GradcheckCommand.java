package dev.nabla.cli;

import dev.nabla.Tensor;
import dev.nabla.explain.NetworkGradCheck;
import dev.nabla.explain.NetworkSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nabla gradcheck}: finite-difference check of a whole network's gradients. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = {"Check a whole network's autograd gradients against central finite differences in float64",
                "(dev.nabla.autograd.GradCheck): the largest relative error per parameter and pass/fail against the tolerance",
                "|autograd − numeric| ≤ atol + rtol·|numeric|. Exit code 1 when a parameter fails."},
        footer = {"", "Example:", "  nabla gradcheck --layers 2,3,1 --activation tanh --loss bce"})
final class GradcheckCommand implements Callable<Integer> {
    @Mixin NetworkOptions net;

    @Option(names = "--batch", description = "Size of the random batch when no --input is given (default: ${DEFAULT-VALUE}).", defaultValue = "4")
    int batch;

    @Option(names = "--eps", description = "Finite-difference step (default: ${DEFAULT-VALUE}).", defaultValue = "1e-6")
    double eps;

    @Option(names = "--atol", description = "Absolute tolerance (default: ${DEFAULT-VALUE}).", defaultValue = "1e-5")
    double atol;

    @Option(names = "--rtol", description = "Relative tolerance (default: ${DEFAULT-VALUE}).", defaultValue = "1e-3")
    double rtol;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override public Integer call() {
        if (batch <= 0) throw new UsageException("--batch must be positive");
        if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) throw new UsageException("--eps must be positive, --atol and --rtol non-negative");
        NetworkSpec s = net.spec();
        Tensor[] b = net.batch(s, batch);
        NetworkGradCheck.Result r = NetworkGradCheck.check(s, b[0], b[1], eps, atol, rtol);
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("network", s.toString());
            m.put("batch", b[0].size(0));
            m.put("eps", eps);
            m.put("atol", atol);
            m.put("rtol", rtol);
            List<Object> ps = new ArrayList<>();
            for (NetworkGradCheck.ParamResult p : r.params()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("name", p.name());
                pm.put("shape", p.shape());
                pm.put("max_abs_error", p.maxAbsError());
                pm.put("max_rel_error", p.maxRelError());
                pm.put("passed", p.passed());
                ps.add(pm);
            }
            m.put("parameters", ps);
            m.put("max_rel_error", r.maxRelError());
            m.put("passed", r.passed());
            out.println(Json.write(m));
        } else {
            out.printf(Locale.ROOT, "gradcheck of %s, batch of %d, float64, step %s%n", s, b[0].size(0), eps);
            out.printf(Locale.ROOT, "tolerance: |autograd − numeric| ≤ %s + %s·|numeric| for every element%n%n", atol, rtol);
            out.printf(Locale.ROOT, "  %-10s %-8s %-14s %-14s %s%n", "parameter", "shape", "max abs err", "max rel err", "result");
            for (NetworkGradCheck.ParamResult p : r.params()) {
                out.printf(Locale.ROOT, "  %-10s %-8s %-14.3e %-14.3e %s%n", p.name(), dev.nabla.tensor.Shapes.format(p.shape()), p.maxAbsError(),
                        p.maxRelError(), p.passed() ? "pass" : "FAIL");
            }
            out.printf(Locale.ROOT, "%n%s (max relative error %.3e)%n", r.passed() ? "PASSED" : "FAILED", r.maxRelError());
        }
        out.flush();
        return r.passed() ? 0 : 1;
    }
}
