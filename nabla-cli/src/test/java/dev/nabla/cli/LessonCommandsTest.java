package dev.nabla.cli;

import static dev.nabla.cli.CliRun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lesson commands (walkthrough, exercise, demo) run through {@link NablaCli#commandLine()}. */
class LessonCommandsTest {


    static final List<String> KEYS = List.of("z1", "a1", "y_pred", "loss", "dL_dy_pred", "dL_dw2", "dL_db2", "dL_da1",
            "dsigma_dz1", "dL_dw1", "dL_db1", "w1_new", "b1_new", "w2_new", "b2_new", "y_pred_new", "loss_new", "loss_change");

    /** Expected values: issue 2's float64 values, computed independently with NumPy. */
    static final double[] NUMPY = {5.0, 0.9933071490757153, 1.989960723613573, 0.2601400634567901, -1.020078552772854,
        -1.0132513190880852, -1.020078552772854, -1.530117829159281, 0.006648056670790033, -0.030516930123711365,
        -0.010172310041237122, 2.003051693012371, -0.9989827689958762, 1.6013251319088084, 0.6020078552772854,
        2.1927233065350116, 0.09441896634677646, -0.16572109711001362};

    @Test void walkthroughJsonHasExactlyTheKeysAndValues() {
        CliRun r = run("walkthrough", "--json");
        assertEquals(0, r.code(), r.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) new MiniJson(r.out().trim()).value();
        assertEquals(KEYS, new ArrayList<>(m.keySet()));
        for (int i = 0; i < KEYS.size(); i++) assertEquals(NUMPY[i], (Double) m.get(KEYS.get(i)), 1e-12, KEYS.get(i));
    }

    @Test void walkthroughJsonWithStepsAddsLosses() {
        CliRun r = run("walkthrough", "--json", "--steps", "4", "--b1", "-1.0", "--activation", "relu", "--lr", "0.01");
        assertEquals(0, r.code(), r.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) new MiniJson(r.out().trim()).value();
        List<String> keys = new ArrayList<>(KEYS);
        keys.add("losses");
        assertEquals(keys, new ArrayList<>(m.keySet()));
        assertEquals(4, ((List<?>) m.get("losses")).size());
        assertEquals(1.0, (Double) m.get("dsigma_dz1"), 0);
    }

    @Test void walkthroughTextShowsFormulasAndTheNoteOnce() {
        CliRun r = run("walkthrough");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("∂L/∂w1     = ∂L/∂a1 · σ'(z1) · x"), r.out());
        assertTrue(r.out().contains("0.09441896634677646"));
        assertEquals(1, r.out().split("Note:", -1).length - 1, "one note");
        assertTrue(r.out().contains("y_pred 1.9899, loss 0.2602 and new loss 0.0940"), r.out());
        CliRun other = run("walkthrough", "--x", "1");
        assertTrue(!other.out().contains("Note:"), "no note when the numbers are not the seed's");
    }

    @Test void badInputExitsWithUsage() {
        CliRun bogus = run("walkthrough", "--bogus");
        assertEquals(2, bogus.code());
        assertTrue(bogus.err().contains("Usage"), bogus.err());
        CliRun act = run("walkthrough", "--activation", "softmax");
        assertEquals(2, act.code());
        assertTrue(act.err().contains("unknown activation 'softmax'"), act.err());
        assertEquals(2, run("walkthrough", "--steps", "-3").code());
        assertEquals(2, run("walkthrough", "--dtype", "int8").code());
        assertEquals(2, run("walkthrough", "--lr", "fast").code());
        CliRun ex = run("exercise", "9");
        assertEquals(2, ex.code());
        assertTrue(ex.err().contains("no exercise 9"), ex.err());
        assertEquals(2, run("exercise").code());
        assertEquals(2, run("demo", "--epochs", "0").code());
    }

    @Test void exercisesRunAsTextAndJson() {
        for (int n = 1; n <= 5; n++) {
            CliRun t = run("exercise", Integer.toString(n));
            assertEquals(0, t.code(), t.err());
            assertTrue(t.out().startsWith("Exercise " + n), t.out());
            CliRun j = run("exercise", Integer.toString(n), "--json");
            assertEquals(0, j.code(), j.err());
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) new MiniJson(j.out().trim()).value();
            assertEquals((double) n, (Double) m.get("exercise"), 0);
        }
        CliRun four = run("exercise", "4");
        for (String v : List.of("slow", "converges", "oscillates", "diverges")) assertTrue(four.out().contains(v), four.out());
    }

    @Test void demoRuns() {
        CliRun r = run("demo", "--epochs", "30");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Part 1") && r.out().contains("Part 2") && r.out().contains("accuracy"), r.out());
        assertTrue(r.out().contains("0.09441896634677646"));
    }

    @Test void helpTeaches() {
        for (String c : List.of("walkthrough", "exercise", "demo")) {
            CliRun r = run(c, "--help");
            assertEquals(0, r.code());
            assertTrue(r.out().contains("Examples:"), r.out());
        }
    }

    /** A small JSON reader for the tests: objects (ordered), arrays, numbers as Double, strings, booleans, null. */
    static final class MiniJson {
        private final String s;
        private int i;

        MiniJson(String s) { this.s = s; }

        Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                ws();
                if (s.charAt(i) == '}') { i++; return m; }
                while (true) {
                    ws();
                    String k = (String) value();
                    ws();
                    expect(':');
                    m.put(k, value());
                    ws();
                    if (s.charAt(i) == ',') { i++; continue; }
                    expect('}');
                    return m;
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                ws();
                if (s.charAt(i) == ']') { i++; return l; }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(i) == ',') { i++; continue; }
                    expect(']');
                    return l;
                }
            }
            if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\') { i++; char e = s.charAt(i); sb.append(e == 'n' ? '\n' : e == 't' ? '\t' : e); }
                    else sb.append(s.charAt(i));
                    i++;
                }
                i++;
                return sb.toString();
            }
            if (s.startsWith("true", i)) { i += 4; return true; }
            if (s.startsWith("false", i)) { i += 5; return false; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int st = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            return Double.parseDouble(s.substring(st, i));
        }

        private void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        private void expect(char c) {
            if (s.charAt(i) != c) throw new IllegalStateException("expected '" + c + "' at " + i + " in " + s);
            i++;
        }
    }
}
