package dev.nabla.tensor;

import dev.nabla.DType;
import dev.nabla.Tensor;
import java.util.Locale;

/**
 * Prints tensors the way PyTorch does: {@code tensor([[1.0000, 2.5000], ...], requires_grad=True)},
 * integers as {@code 1.}, scientific notation when magnitudes span too much, and "..." for large
 * tensors (more than 1000 elements: first and last three entries per dimension).
 */
public final class TensorFormat {
    private TensorFormat() {}

    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;

    public static String format(Tensor t) {
        double[] v = t.toDoubleArray();
        boolean allInt = true;
        double maxAbs = 0, minAbs = Double.POSITIVE_INFINITY;
        for (double x : v) {
            if (!Double.isFinite(x)) continue;
            if (x != Math.rint(x)) allInt = false;
            double a = Math.abs(x);
            maxAbs = Math.max(maxAbs, a);
            if (a > 0) minAbs = Math.min(minAbs, a);
        }
        boolean sci = !allInt && (maxAbs > 1e8 || (minAbs < 1e-4) || (minAbs != Double.POSITIVE_INFINITY && maxAbs / minAbs > 1000));
        if (allInt && maxAbs > 1e8) sci = true;
        final boolean fsci = sci, fint = allInt;
        StringBuilder sb = new StringBuilder("tensor(");
        int[] shape = t.shape();
        boolean summarize = v.length > THRESHOLD;
        int width = 0;
        for (double x : v) width = Math.max(width, cell(x, fint, fsci).length());
        appendDim(sb, v, shape, 0, 0, width, fint, fsci, summarize, 7);
        if (t.dtype() == DType.FLOAT64) sb.append(", dtype=float64");
        if (t.gradFn() != null) sb.append(", grad_fn=<").append(t.gradFn().displayName()).append('>');
        else if (t.requiresGrad()) sb.append(", requires_grad=True");
        return sb.append(')').toString();
    }

    private static int appendDim(StringBuilder sb, double[] v, int[] shape, int dim, int pos, int width,
                                 boolean allInt, boolean sci, boolean summarize, int indent) {
        if (shape.length == 0) {
            sb.append(cell(v[0], allInt, sci).trim());
            return pos + 1;
        }
        int n = shape[dim];
        int block = 1;
        for (int i = dim + 1; i < shape.length; i++) block *= shape[i];
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE && i == EDGE) {
                sb.append(dim == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + dim + 1));
                i = n - EDGE;
            }
            int p = pos + i * block;
            if (dim == shape.length - 1) {
                sb.append(pad(cell(v[p], allInt, sci), width));
            } else {
                appendDim(sb, v, shape, dim + 1, p, width, allInt, sci, summarize, indent);
            }
            if (i < n - 1) {
                if (dim == shape.length - 1) sb.append(", ");
                else sb.append(",").append("\n".repeat(shape.length - 1 - dim)).append(" ".repeat(indent + dim + 1));
            }
        }
        return sb.append(']').length();
    }

    private static String pad(String s, int w) { return s.length() >= w ? s : " ".repeat(w - s.length()) + s; }

    private static String cell(double x, boolean allInt, boolean sci) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (sci) return String.format(Locale.ROOT, "%.4e", x);
        if (allInt) return String.format(Locale.ROOT, "%.0f.", x);
        return String.format(Locale.ROOT, "%.4f", x);
    }

    /** Compact number for formulas: "2", "0.5", "1e-05". */
    public static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        return Double.toString(x);
    }
}
