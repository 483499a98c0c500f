package dev.nabla.explain;

import dev.nabla.tensor.Shapes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders an {@link Explanation} as aligned plain text for a terminal or as Markdown tables for notes
 * (JSON comes from {@link Explanation#toTree()}). Numbers are printed with {@code digits} significant
 * digits, or exactly (shortest round-trip form) when {@code digits} is 0.
 */
public final class ExplanationFormat {
    private ExplanationFormat() {}

    /** Aligned text. */
    public static String text(Explanation e, int digits) { return render(e, digits, false); }

    /** Markdown with one table per section. */
    public static String markdown(Explanation e, int digits) { return render(e, digits, true); }

    private static String render(Explanation e, int digits, boolean md) {
        StringBuilder sb = new StringBuilder();
        int batch = e.leaves().stream().filter(l -> l.kind().equals("input")).mapToInt(l -> l.shape().length > 0 ? l.shape()[0] : 1).findFirst().orElse(1);
        heading(sb, md, 1, "Explain one training step: " + e.network());
        sb.append("Batch of ").append(batch).append(batch == 1 ? " sample" : " samples").append("; optimizer ").append(e.optimizer())
                .append(", lr ").append(num(e.lr(), 0)).append(". Every number below is read off Nabla's autograd graph.\n\n");

        heading(sb, md, 2, "Leaves (inputs, parameters, constants)");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", "kind", "shape", "value"});
        for (Explanation.Leaf l : e.leaves()) {
            rows.add(new String[] {l.name() + (l.parameter() != null && !l.parameter().equals(l.name()) ? " (" + l.parameter() + ")" : ""),
                    l.kind(), Shapes.format(l.shape()), tensor(l.value(), l.shape(), digits)});
        }
        table(sb, rows, md);

        heading(sb, md, 2, "Forward pass, node by node");
        rows = new ArrayList<>();
        rows.add(new String[] {"#", "node", "op", "formula", "layer", "shape", "value"});
        int k = 1;
        for (Explanation.ForwardStep f : e.forward()) {
            rows.add(new String[] {Integer.toString(k++), f.name() + " = " + f.expression(), f.op(), f.formula(),
                    f.scope().isEmpty() ? "-" : f.scope(), Shapes.format(f.shape()), tensor(f.value(), f.shape(), digits)});
        }
        table(sb, rows, md);
        sb.append(md ? "**Loss L = " + num(e.loss(), digits) + "**\n\n" : "Loss L = " + num(e.loss(), digits) + "\n\n");

        heading(sb, md, 2, "Backward pass, in the engine's order (product = local derivative × upstream gradient)");
        rows = new ArrayList<>();
        rows.add(new String[] {"node", "input", "rule", "local ∂out/∂in", "upstream ∂L/∂out", "product ∂L/∂in"});
        for (Explanation.BackwardStep b : e.backward()) {
            boolean first = true;
            for (Explanation.InputGrad g : b.inputs()) {
                String local = g.local() == null ? "(see rule)" : tensor(g.local(), g.localShape(), digits);
                if (g.note() != null) local += "  [" + g.note() + "]";
                rows.add(new String[] {first ? b.output() + " = " + b.expression() : "", g.input(), g.rule(), local,
                        first ? tensor(b.upstream(), b.shape(), digits) : "", tensor(g.product(), g.shape(), digits)});
                first = false;
            }
        }
        table(sb, rows, md);

        if (!e.accumulations().isEmpty()) {
            heading(sb, md, 2, "Accumulated gradients (a value that feeds several nodes gets the sum)");
            for (Explanation.Accumulation a : e.accumulations()) {
                sb.append(md ? "- " : "  ").append("∂L/∂").append(a.tensor()).append(" = ");
                for (int i = 0; i < a.parts().size(); i++) {
                    if (i > 0) sb.append(" + ");
                    sb.append(tensor(a.parts().get(i), null, digits)).append(" (via ").append(a.from().get(i)).append(')');
                }
                sb.append(" = ").append(tensor(a.total(), null, digits)).append('\n');
            }
            sb.append('\n');
        }

        heading(sb, md, 2, "Parameter update (" + e.optimizer() + ", lr " + num(e.lr(), 0) + "): " + e.updateRule());
        rows = new ArrayList<>();
        rows.add(new String[] {"parameter", "value", "gradient ∂L/∂θ", "new value"});
        for (Explanation.ParamUpdate u : e.updates()) {
            rows.add(new String[] {u.name() + " (" + u.parameter() + ")", tensor(u.before(), u.shape(), digits),
                    tensor(u.grad(), u.shape(), digits), tensor(u.after(), u.shape(), digits)});
        }
        table(sb, rows, md);
        double change = e.lossAfter() - e.loss();
        sb.append(md ? "**" : "").append("Loss on the same batch: ").append(num(e.loss(), digits)).append(" → ").append(num(e.lossAfter(), digits))
                .append(" (change ").append(num(change, digits)).append(change < 0 ? ", fell" : ", did not fall").append(')')
                .append(md ? "**" : "").append('\n');
        return sb.toString();
    }

    private static void heading(StringBuilder sb, boolean md, int level, String s) {
        if (md) sb.append(level == 1 ? "# " : "## ").append(s).append("\n\n");
        else if (level == 1) sb.append(s).append('\n').append("=".repeat(Math.min(s.length(), 100))).append("\n");
        else sb.append(s).append('\n');
    }

    private static void table(StringBuilder sb, List<String[]> rows, boolean md) {
        if (md) {
            for (int r = 0; r < rows.size(); r++) {
                sb.append('|');
                for (String c : rows.get(r)) sb.append(' ').append(c.isEmpty() ? " " : c.replace("|", "\\|")).append(" |");
                sb.append('\n');
                if (r == 0) {
                    sb.append('|');
                    for (int c = 0; c < rows.get(0).length; c++) sb.append("---|");
                    sb.append('\n');
                }
            }
            sb.append('\n');
            return;
        }
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) for (int c = 0; c < cols; c++) w[c] = Math.max(w[c], width(r[c]));
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < cols; c++) {
                line.append(r[c]);
                if (c < cols - 1) line.append(" ".repeat(w[c] - width(r[c]) + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append('\n');
    }

    private static int width(String s) { return s.codePointCount(0, s.length()); }

    /** A number with {@code digits} significant digits (0: exact shortest form). */
    public static String num(double v, int digits) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Inf" : "-Inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        if (digits <= 0) return Double.toString(v);
        String s = String.format(Locale.ROOT, "%." + digits + "g", v);
        if (s.contains("e")) {
            String[] p = s.split("e");
            String m = p[0].contains(".") ? p[0].replaceAll("0+$", "").replaceAll("\\.$", "") : p[0];
            return m + "e" + Integer.parseInt(p[1]);
        }
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }

    /** A tensor's values: a single number, [a, b] for one row, [[..], [..]] for a matrix. */
    public static String tensor(double[] v, int[] shape, int digits) {
        if (v == null) return "-";
        if (v.length == 1) return num(v[0], digits);
        int cols = shape != null && shape.length == 2 ? shape[1] : v.length;
        StringBuilder sb = new StringBuilder();
        boolean matrix = cols < v.length;
        if (matrix) sb.append('[');
        for (int r = 0; r < v.length; r += cols) {
            if (r > 0) sb.append(", ");
            sb.append('[');
            for (int c = 0; c < cols; c++) sb.append(c > 0 ? ", " : "").append(num(v[r + c], digits));
            sb.append(']');
        }
        if (matrix) sb.append(']');
        return sb.toString();
    }
}
