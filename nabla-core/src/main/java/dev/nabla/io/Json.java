package dev.nabla.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader and writer (RFC 8259) for headers, configs and metrics files, so that
 * nabla-core needs no dependency. Parsed values are {@link LinkedHashMap} (objects, key order kept),
 * {@link List}, {@link String}, {@link Long} (integers that fit), {@link BigInteger} (larger integers),
 * {@link Double} (numbers with a fraction or exponent), {@link Boolean} and {@code null}.
 *
 * <p>Duplicate keys and nesting deeper than {@value #MAX_DEPTH} levels are rejected. Errors are
 * {@link Json.ParseException}s carrying the character index of the problem.
 */
public final class Json {
    /** Deepest nesting of arrays/objects accepted by {@link #parse}. */
    public static final int MAX_DEPTH = 64;

    private final String s;
    private int pos;

    private Json(String s) { this.s = s; }

    /** A syntax error at character {@link #index()} of the parsed text. */
    public static final class ParseException extends Exception {
        private final int index;

        ParseException(int index, String message) {
            super(message + " at character " + index);
            this.index = index;
        }

        /** Character index (0-based) in the parsed string. */
        public int index() { return index; }
    }

    /** Parses one JSON value that must fill {@code text} (surrounding whitespace allowed). */
    public static Object parse(String text) throws ParseException {
        Json p = new Json(text);
        p.ws();
        Object v = p.value(0);
        p.ws();
        if (p.pos != text.length()) throw p.err("unexpected trailing characters");
        return v;
    }

    private ParseException err(String msg) { return new ParseException(pos, msg); }

    private void ws() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') pos++;
            else break;
        }
    }

    private Object value(int depth) throws ParseException {
        if (depth > MAX_DEPTH) throw err("nesting deeper than " + MAX_DEPTH + " levels");
        if (pos >= s.length()) throw err("unexpected end of input");
        char c = s.charAt(pos);
        switch (c) {
            case '{': return object(depth);
            case '[': return array(depth);
            case '"': return string();
            case 't': literal("true"); return Boolean.TRUE;
            case 'f': literal("false"); return Boolean.FALSE;
            case 'n': literal("null"); return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw err("unexpected character '" + printable(c) + "'");
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private void literal(String word) throws ParseException {
        if (!s.startsWith(word, pos)) throw err("invalid literal (expected " + word + ")");
        pos += word.length();
    }

    private Map<String, Object> object(int depth) throws ParseException {
        pos++; // {
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (pos < s.length() && s.charAt(pos) == '}') {
            pos++;
            return m;
        }
        while (true) {
            ws();
            if (pos >= s.length() || s.charAt(pos) != '"') throw err("expected a string key");
            int keyAt = pos;
            String key = string();
            ws();
            if (pos >= s.length() || s.charAt(pos) != ':') throw err("expected ':' after key");
            pos++;
            ws();
            Object v = value(depth + 1);
            if (m.containsKey(key)) throw new ParseException(keyAt, "duplicate key \"" + key + "\"");
            m.put(key, v);
            ws();
            if (pos >= s.length()) throw err("unterminated object");
            char c = s.charAt(pos++);
            if (c == '}') return m;
            if (c != ',') {
                pos--;
                throw err("expected ',' or '}' in object");
            }
        }
    }

    private List<Object> array(int depth) throws ParseException {
        pos++; // [
        List<Object> l = new ArrayList<>();
        ws();
        if (pos < s.length() && s.charAt(pos) == ']') {
            pos++;
            return l;
        }
        while (true) {
            ws();
            l.add(value(depth + 1));
            ws();
            if (pos >= s.length()) throw err("unterminated array");
            char c = s.charAt(pos++);
            if (c == ']') return l;
            if (c != ',') {
                pos--;
                throw err("expected ',' or ']' in array");
            }
        }
    }

    private String string() throws ParseException {
        pos++; // "
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) throw err("unterminated string");
            char c = s.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c < 0x20) {
                pos--;
                throw err("control character in string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= s.length()) throw err("unterminated escape");
            char e = s.charAt(pos++);
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u':
                    if (pos + 4 > s.length()) throw err("truncated \\u escape");
                    int cp = 0;
                    for (int i = 0; i < 4; i++) {
                        int h = Character.digit(s.charAt(pos + i), 16);
                        if (h < 0) throw err("invalid \\u escape");
                        cp = cp * 16 + h;
                    }
                    pos += 4;
                    sb.append((char) cp);
                    break;
                default:
                    pos--;
                    throw err("invalid escape '\\" + printable(e) + "'");
            }
        }
    }

    private Object number() throws ParseException {
        int start = pos;
        if (s.charAt(pos) == '-') pos++;
        if (pos >= s.length()) throw err("truncated number");
        if (s.charAt(pos) == '0') {
            pos++;
        } else if (s.charAt(pos) >= '1' && s.charAt(pos) <= '9') {
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
        } else {
            throw err("invalid number");
        }
        boolean integral = true;
        if (pos < s.length() && s.charAt(pos) == '.') {
            integral = false;
            pos++;
            int d = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
            if (pos == d) throw err("digit expected after '.'");
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
            int d = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
            if (pos == d) throw err("digit expected in exponent");
        }
        String num = s.substring(start, pos);
        if (!integral) return Double.parseDouble(num);
        if (num.length() <= 18) return Long.parseLong(num);
        BigInteger b = new BigInteger(num);
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Compact JSON text of {@code value}: a Map (keys as strings, in iteration order), Iterable,
     * array of int/long/float/double, CharSequence, Number, Boolean or null. Non-finite doubles are
     * rejected (JSON has no NaN).
     */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    /** Appends the compact JSON text of {@code value} to {@code sb}. */
    public static void write(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof CharSequence) {
            quote(sb, value.toString());
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            sb.append(value);
        } else if (value instanceof Number) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) throw new IllegalArgumentException("JSON cannot represent " + d);
            if (d == Math.rint(d) && Math.abs(d) < 1e15) sb.append((long) d);
            else sb.append(value instanceof Float ? Float.toString((Float) value) : Double.toString(d));
        } else if (value instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!first) sb.append(',');
                first = false;
                quote(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (value instanceof Iterable) {
            sb.append('[');
            boolean first = true;
            for (Object o : (Iterable<?>) value) {
                if (!first) sb.append(',');
                first = false;
                write(sb, o);
            }
            sb.append(']');
        } else if (value instanceof int[]) {
            int[] a = (int[]) value;
            sb.append('[');
            for (int i = 0; i < a.length; i++) sb.append(i == 0 ? "" : ",").append(a[i]);
            sb.append(']');
        } else if (value instanceof long[]) {
            long[] a = (long[]) value;
            sb.append('[');
            for (int i = 0; i < a.length; i++) sb.append(i == 0 ? "" : ",").append(a[i]);
            sb.append(']');
        } else if (value instanceof double[]) {
            List<Object> l = new ArrayList<>();
            for (double d : (double[]) value) l.add(d);
            write(sb, l);
        } else if (value instanceof float[]) {
            List<Object> l = new ArrayList<>();
            for (float d : (float[]) value) l.add(d);
            write(sb, l);
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    /** Appends {@code text} as a JSON string literal (with quotes and escapes). */
    public static void quote(StringBuilder sb, String text) {
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
            }
        }
        sb.append('"');
    }

    /** {@code text} as a JSON string literal. */
    public static String quote(String text) {
        StringBuilder sb = new StringBuilder();
        quote(sb, text);
        return sb.toString();
    }
}
