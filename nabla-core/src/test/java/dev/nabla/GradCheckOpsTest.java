package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every differentiable op against central finite differences in float64 (torch.autograd.gradcheck's
 * tolerances), on random shapes with broadcasting. The reference is the numeric derivative of the op's
 * own forward, independent of its backward rule.
 */
class GradCheckOpsTest {

    record Case(String name, Function<Tensor[], Tensor> f, int[][] shapes, boolean positive) {
        @Override public String toString() { return name; }
    }

    static Case c(String name, Function<Tensor[], Tensor> f, int[]... shapes) { return new Case(name, f, shapes, false); }

    static Case pos(String name, Function<Tensor[], Tensor> f, int[]... shapes) { return new Case(name, f, shapes, true); }

    static int[] s(int... d) { return d; }

    static Stream<Arguments> cases() {
        Tensor idx = Tensor.of(DType.FLOAT64, new double[][] {{0, 2}, {1, 1}, {3, 0}});
        Tensor cond = Tensor.of(DType.FLOAT64, new double[][] {{1, 0, 1}, {0, 0, 1}});
        List<Case> cs = List.of(
                c("add same", x -> x[0].add(x[1]), s(3, 4), s(3, 4)),
                c("add broadcast row", x -> x[0].add(x[1]), s(3, 4), s(4)),
                c("add broadcast both", x -> x[0].add(x[1]), s(3, 1), s(1, 4)),
                c("add scalar", x -> x[0].add(2.5), s(2, 3)),
                c("sub broadcast", x -> x[0].sub(x[1]), s(2, 3, 4), s(3, 1)),
                c("mul broadcast", x -> x[0].mul(x[1]), s(2, 3), s(2, 1)),
                c("mul 0-d", x -> x[0].mul(x[1]), s(2, 3), s()),
                pos("div", x -> x[0].div(x[1]), s(2, 3), s(3)),
                c("neg", x -> x[0].neg(), s(5)),
                pos("pow 3", x -> x[0].pow(3), s(4)),
                pos("pow -0.5", x -> x[0].pow(-0.5), s(4)),
                c("exp", x -> x[0].exp(), s(2, 3)),
                pos("log", x -> x[0].log(), s(2, 3)),
                pos("sqrt", x -> x[0].sqrt(), s(3)),
                c("abs", x -> x[0].abs(), s(6)),
                c("tanh", x -> x[0].tanh(), s(2, 5)),
                c("sigmoid", x -> x[0].sigmoid(), s(2, 5)),
                c("relu", x -> x[0].relu(), s(3, 3)),
                c("leakyRelu", x -> x[0].leakyRelu(0.1), s(3, 3)),
                c("gelu", x -> x[0].gelu(), s(7)),
                c("clamp", x -> x[0].clamp(-0.3, 0.4), s(10)),
                c("maximum", x -> x[0].maximum(x[1]), s(3, 4), s(4)),
                c("softmax dim1", x -> x[0].softmax(1), s(3, 4)),
                c("softmax dim0", x -> x[0].softmax(0), s(3, 4)),
                c("logSoftmax", x -> x[0].logSoftmax(-1), s(2, 5)),
                c("matmul 2d", x -> x[0].matmul(x[1]), s(3, 4), s(4, 5)),
                c("matmul transposed views", x -> x[0].t().matmul(x[1].t()), s(4, 3), s(5, 4)),
                c("matmul vec-mat", x -> x[0].matmul(x[1]), s(4), s(4, 2)),
                c("matmul mat-vec", x -> x[0].matmul(x[1]), s(3, 4), s(4)),
                c("matmul batched broadcast", x -> x[0].matmul(x[1]), s(2, 3, 4), s(4, 2)),
                c("matmul batched", x -> x[0].matmul(x[1]), s(2, 1, 3, 4), s(3, 4, 2)),
                c("transpose", x -> x[0].transpose(0, 2).mul(x[1]), s(2, 3, 4), s(4, 3, 2)),
                c("permute", x -> x[0].permute(2, 0, 1).mul(x[1]), s(2, 3, 4), s(4, 2, 3)),
                c("reshape", x -> x[0].reshape(3, -1).mul(x[1]), s(2, 3, 2), s(3, 4)),
                c("reshape non-contiguous", x -> x[0].t().reshape(6), s(2, 3)),
                c("unsqueeze/squeeze", x -> x[0].unsqueeze(1).squeeze(1).mul(x[0]), s(3)),
                c("sum all", x -> x[0].sum(), s(3, 4)),
                c("sum dim keep", x -> x[0].sum(1, true), s(3, 4)),
                c("sum dim", x -> x[0].sum(0, false), s(3, 4, 2)),
                c("mean", x -> x[0].mean(), s(3, 4)),
                c("mean dim", x -> x[0].mean(-1, false), s(3, 4)),
                c("max dim", x -> x[0].max(1, false), s(3, 4)),
                c("max all", x -> x[0].max(), s(3, 4)),
                c("narrow", x -> x[0].narrow(1, 1, 2), s(3, 4)),
                c("select", x -> x[0].select(0, 1), s(3, 4)),
                c("indexSelect dim0", x -> x[0].indexSelect(0, new int[] {2, 0, 2}), s(3, 4)),
                c("indexSelect dim1", x -> x[0].indexSelect(1, new int[] {3, 1}), s(3, 4)),
                c("gather", x -> x[0].gather(1, idx), s(3, 4)),
                c("where", x -> Tensor.where(cond, x[0], x[1]), s(2, 3), s(3)),
                c("cat", x -> Tensor.cat(List.of(x[0], x[1]), 1), s(2, 3), s(2, 2)),
                c("stack", x -> Tensor.stack(List.of(x[0], x[1]), 0), s(2, 3), s(2, 3)),
                c("copy/contiguous", x -> x[0].t().contiguous().copy(), s(2, 3)),
                c("linear", x -> x[0].linear(x[1], x[2]), s(3, 4), s(5, 4), s(5)),
                c("linear without bias, 3-d input", x -> x[0].linear(x[1], null), s(2, 3, 4), s(5, 4)),
                c("linear 1-d input", x -> x[0].linear(x[1], x[2]), s(4), s(3, 4), s(3)),
                c("linear transposed weight view", x -> x[0].linear(x[1].t(), x[2]), s(3, 4), s(4, 5), s(5)),
                c("linearRelu", x -> x[0].linearRelu(x[1], x[2]), s(6, 4), s(5, 4), s(5)),
                c("linearRelu 3-d input", x -> x[0].linearRelu(x[1], x[2]), s(2, 3, 4), s(5, 4), s(5)),
                c("composite mlp", x -> x[0].matmul(x[1].t()).add(x[2]).sigmoid().sum(1, false).pow(2), s(4, 3), s(5, 3), s(5)));
        return cs.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(Case c) {
        SplittableRandom rng = new SplittableRandom(c.name.hashCode());
        Tensor[] inputs = new Tensor[c.shapes.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = Tensor.randn(rng, DType.FLOAT64, c.shapes[i]);
            // keep away from kinks (relu/abs/clamp at 0, -0.3, 0.4) and, for positive-only ops, from 0
            t = c.positive ? t.abs().add(0.5) : Tensor.where(t.abs().lt(0.05), t.add(0.2), t);
            inputs[i] = t.detach();
        }
        GradCheck.Result r = GradCheck.check(c.f, inputs);
        assertTrue(r.passed(), c.name + ":\n" + r);
    }
}
