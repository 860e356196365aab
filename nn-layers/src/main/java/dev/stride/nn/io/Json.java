package dev.stride.nn.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer for the formats Stride reads and writes (safetensors headers, golden
 * manifests, JMH results, reports). Objects are {@code LinkedHashMap<String, Object>} (key order kept),
 * arrays {@code List<Object>}, numbers {@code Long} when written without fraction or exponent and in range,
 * else {@code Double}; strings, booleans and {@code null} as themselves.
 *
 * <p>Errors: malformed text is a {@link JsonException} giving the character offset and what was expected.
 */
public final class Json {
    private Json() {}

    /** Malformed JSON, with the offset where parsing stopped. */
    public static final class JsonException extends IllegalArgumentException {
        public JsonException(String message) { super(message); }
    }

    /** Parses one JSON value; trailing non-space text is an error. */
    public static Object parse(String text) {
        Parser p = new Parser(text);
        p.skipSpace();
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) throw p.error("end of input");
        return v;
    }

    /** Writes a value (Map, List/array, String, Number, Boolean, null) as compact JSON. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, -1, 0);
        return sb.toString();
    }

    /** Writes a value as JSON indented by two spaces per level. */
    public static String writePretty(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 2, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object v, int indent, int level) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) sb.append("null");
            else if (d == Math.rint(d) && Math.abs(d) < 1e15) sb.append((long) d).append(".0");
            else sb.append(d);
        } else if (v instanceof Number n) {
            sb.append(n.longValue());
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(',');
                first = false;
                newline(sb, indent, level + 1);
                quote(sb, String.valueOf(e.getKey()));
                sb.append(indent >= 0 ? ": " : ":");
                write(sb, e.getValue(), indent, level + 1);
            }
            if (!m.isEmpty()) newline(sb, indent, level);
            sb.append('}');
        } else if (v instanceof List<?> l) {
            writeArray(sb, l, indent, level);
        } else if (v instanceof int[] a) {
            List<Object> l = new ArrayList<>();
            for (int x : a) l.add(x);
            writeArray(sb, l, -1, level);
        } else if (v instanceof long[] a) {
            List<Object> l = new ArrayList<>();
            for (long x : a) l.add(x);
            writeArray(sb, l, -1, level);
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
        }
    }

    private static void writeArray(StringBuilder sb, List<?> l, int indent, int level) {
        boolean scalars = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
        int ind = scalars ? -1 : indent;
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) sb.append(scalars && indent >= 0 ? ", " : ",");
            newline(sb, ind, level + 1);
            write(sb, l.get(i), indent, level + 1);
        }
        if (!l.isEmpty()) newline(sb, ind, level);
        sb.append(']');
    }

    private static void newline(StringBuilder sb, int indent, int level) {
        if (indent < 0) return;
        sb.append('\n');
        sb.append(" ".repeat(indent * level));
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    private static final class Parser {
        private static final int MAX_DEPTH = 512;
        final String s;
        int pos;

        Parser(String s) { this.s = s; }

        JsonException error(String expected) {
            String found = pos < s.length() ? "'" + s.charAt(pos) + "'" : "end of input";
            return new JsonException("malformed JSON at offset " + pos + ": expected " + expected + ", found " + found);
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t') pos++;
                else break;
            }
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) throw error("less nesting (over " + MAX_DEPTH + " levels)");
            if (pos >= s.length()) throw error("a value");
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) yield number();
                    throw error("a value");
                }
            };
        }

        Object literal(String word, Object v) {
            if (!s.startsWith(word, pos)) throw error("'" + word + "'");
            pos += word.length();
            return v;
        }

        Map<String, Object> object(int depth) {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '}') { pos++; return m; }
            while (true) {
                skipSpace();
                if (pos >= s.length() || s.charAt(pos) != '"') throw error("a string key");
                String k = string();
                skipSpace();
                if (pos >= s.length() || s.charAt(pos) != ':') throw error("':'");
                pos++;
                skipSpace();
                if (m.containsKey(k)) throw new JsonException("malformed JSON at offset " + pos + ": duplicate key \"" + k + "\"");
                m.put(k, value(depth + 1));
                skipSpace();
                if (pos >= s.length()) throw error("',' or '}'");
                char c = s.charAt(pos++);
                if (c == '}') return m;
                if (c != ',') { pos--; throw error("',' or '}'"); }
            }
        }

        List<Object> array(int depth) {
            List<Object> l = new ArrayList<>();
            pos++;
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == ']') { pos++; return l; }
            while (true) {
                skipSpace();
                l.add(value(depth + 1));
                skipSpace();
                if (pos >= s.length()) throw error("',' or ']'");
                char c = s.charAt(pos++);
                if (c == ']') return l;
                if (c != ',') { pos--; throw error("',' or ']'"); }
            }
        }

        String string() {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) throw error("closing '\"'");
                char c = s.charAt(pos++);
                if (c == '"') return sb.toString();
                if (c < 0x20) { pos--; throw error("no control character inside a string"); }
                if (c != '\\') { sb.append(c); continue; }
                if (pos >= s.length()) throw error("an escape");
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) throw error("4 hex digits");
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("4 hex digits");
                        }
                        pos += 4;
                    }
                    default -> { pos--; throw error("a valid escape"); }
                }
            }
        }

        Object number() {
            int start = pos;
            if (s.charAt(pos) == '-') pos++;
            int digits = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            if (pos == digits) throw error("a digit");
            boolean integral = true;
            if (pos < s.length() && s.charAt(pos) == '.') {
                integral = false;
                pos++;
                int f = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
                if (pos == f) throw error("a digit after '.'");
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                integral = false;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
                int e = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
                if (pos == e) throw error("an exponent digit");
            }
            String t = s.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException ignored) {
                    // beyond long: fall back to double
                }
            }
            return Double.parseDouble(t);
        }
    }
}
