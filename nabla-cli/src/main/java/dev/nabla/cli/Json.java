package dev.nabla.cli;

import java.util.Collection;
import java.util.Map;

/**
 * Writes the JSON that {@code --json} prints, human-readably spaced: maps, lists, strings, numbers
 * (NaN/Inf as null), booleans. Strings are escaped by {@link dev.nabla.io.Json#quote}.
 */
public final class Json {
    private Json() {}

    public static String write(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) sb.append("null");
        else if (v instanceof String s) string(sb, s);
        else if (v instanceof Double d) sb.append(Double.isFinite(d) ? repr(d) : "null");
        else if (v instanceof Float f) sb.append(Float.isFinite(f) ? repr(f.doubleValue()) : "null");
        else if (v instanceof Number || v instanceof Boolean) sb.append(v);
        else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(", ");
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) sb.append(", ");
                first = false;
                write(sb, o);
            }
            sb.append(']');
        } else if (v instanceof double[] a) {
            sb.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) sb.append(", ");
                write(sb, a[i]);
            }
            sb.append(']');
        } else if (v instanceof int[] a) {
            sb.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) sb.append(", ");
                sb.append(a[i]);
            }
            sb.append(']');
        } else string(sb, v.toString());
    }

    /** Shortest repr that round-trips (Java's Double.toString), integers without ".0" kept as doubles. */
    private static String repr(double d) {
        String s = Double.toString(d);
        if (s.contains("E")) s = s.replace("E", "e");
        return s;
    }

    private static void string(StringBuilder sb, String s) { dev.nabla.io.Json.quote(sb, s); }
}
