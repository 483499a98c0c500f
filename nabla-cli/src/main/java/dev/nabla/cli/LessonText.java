package dev.nabla.cli;

import dev.nabla.DType;
import dev.nabla.lessons.Walkthrough;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Text rendering shared by the lesson commands (walkthrough, exercise, demo): numbers, tables, the walkthrough. */
final class LessonText {
    private LessonText() {}

    /** Shortest round-trip form of a float64 value; positive numbers get a leading space so signs line up. */
    static String num(double v) {
        String s = Double.toString(v);
        return v < 0 || s.startsWith("-") ? s : " " + s;
    }

    /** A value of the given dtype: float32 values print as the float they are. */
    static String num(double v, DType dt) {
        if (dt == DType.FLOAT32) {
            String s = Float.toString((float) v);
            return v < 0 ? s : " " + s;
        }
        return num(v);
    }

    /** Fixed decimals, for tables of losses. */
    static String fix(double v, int decimals) {
        if (!Double.isFinite(v)) return Double.isNaN(v) ? "NaN" : (v > 0 ? "inf" : "-inf");
        if (Math.abs(v) >= 1e6) return String.format(Locale.ROOT, "%.3e", v);
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Right-pads to {@code width} code points. */
    static String pad(String s, int width) {
        int len = s.codePointCount(0, s.length());
        return len >= width ? s : s + " ".repeat(width - len);
    }

    /** Left-pads to {@code width} code points. */
    static String lpad(String s, int width) {
        int len = s.codePointCount(0, s.length());
        return len >= width ? s : " ".repeat(width - len) + s;
    }

    /** Prints the walkthrough: inputs, then each value in the seed's order with its formula, aligned. */
    static void walkthrough(PrintWriter out, Walkthrough.Result r) {
        Walkthrough.Config c = r.config();
        DType dt = c.dtype();
        String act = c.activation().equals("sigmoid") ? "sigmoid" : c.activation();
        out.println("Walkthrough: network 1-1-1 (" + act + " hidden, linear output), loss (y_true − y_pred)², "
                + (c.steps() > 1 ? c.steps() + " SGD steps (the table shows the last)" : "one SGD step") + ", " + dt);
        out.println("  x = " + c.x() + "   y_true = " + c.yTrue() + "   w1 = " + c.w1() + "   b1 = " + c.b1()
                + "   w2 = " + c.w2() + "   b2 = " + c.b2() + "   lr = " + c.lr()
                + (c.steps() > 1 ? "   (initial values)" : ""));
        int sw = 0, fw = 0;
        for (Walkthrough.Quantity q : r.quantities()) {
            sw = Math.max(sw, q.symbol().codePointCount(0, q.symbol().length()));
            fw = Math.max(fw, q.formula().codePointCount(0, q.formula().length()));
        }
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("forward", "Forward");
        titles.put("backward", "Backward: the gradients autograd's backward() computed, and the chain rule behind each");
        titles.put("update", "Update: SGD, θ ← θ − lr·∂L/∂θ  (' marks an updated value)");
        titles.put("check", "Forward again with the updated parameters");
        String stage = "";
        for (Walkthrough.Quantity q : r.quantities()) {
            if (!q.stage().equals(stage)) {
                stage = q.stage();
                out.println();
                out.println(titles.get(stage));
            }
            out.println("  " + pad(q.symbol(), sw) + " = " + pad(q.formula(), fw) + " = " + num(q.value(), dt));
        }
        double change = r.get("loss_change");
        out.println();
        out.println(change < 0 ? "The loss fell by " + String.format(Locale.ROOT, "%.4g", -change) + " in one step: the gradients pointed downhill."
                : change > 0 ? "The loss rose by " + String.format(Locale.ROOT, "%.4g", change) + ": the step overshot (try a smaller --lr)."
                : "The loss did not change (all gradients are zero here).");
        if (c.steps() > 1) {
            out.println("Loss at each of the " + c.steps() + " steps: " + series(r.losses(), 6));
        }
        out.println(String.format(Locale.ROOT,
                "The chain-rule formulas, evaluated by hand on the same forward values, agree with autograd to %.1e.",
                r.chainRuleCheck()));
        if (c.isSeedExample()) {
            out.println("Note: the seed tutorial prints y_pred " + Walkthrough.SEED_PRINTED_Y_PRED + ", loss "
                    + Walkthrough.SEED_PRINTED_LOSS + " and new loss " + String.format(Locale.ROOT, "%.4f", Walkthrough.SEED_PRINTED_LOSS_NEW)
                    + "; those are off in the fourth decimal. The values above are the true ones (NumPy agrees in float64).");
        }
    }

    /** A list of numbers, eliding the middle when longer than 2·{@code keep}. */
    static String series(double[] v, int keep) {
        List<String> parts = new ArrayList<>();
        if (v.length <= 2 * keep) {
            for (double d : v) parts.add(sig(d));
        } else {
            for (int i = 0; i < keep; i++) parts.add(sig(v[i]));
            parts.add("…");
            for (int i = v.length - keep; i < v.length; i++) parts.add(sig(v[i]));
        }
        return String.join(" ", parts);
    }

    /** Six significant digits. */
    static String sig(double v) { return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : fix(v, 0); }

    /** Indices 0, every, 2·every, … and the last one. */
    static List<Integer> milestones(int length, int every) {
        List<Integer> ix = new ArrayList<>();
        for (int i = 0; i < length; i += every) ix.add(i);
        if (ix.get(ix.size() - 1) != length - 1) ix.add(length - 1);
        return ix;
    }

    /** The walkthrough's JSON object: exactly the 18 keys, plus "losses" when there was more than one step. */
    static Map<String, Object> walkthroughJson(Walkthrough.Result r) {
        Map<String, Object> m = new LinkedHashMap<>(r.values());
        if (r.config().steps() > 1) m.put("losses", r.losses());
        return m;
    }
}
