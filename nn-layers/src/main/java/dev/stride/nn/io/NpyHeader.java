package dev.stride.nn.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The header dictionary of a {@code .npy} file ({@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}):
 * parsed with the strictness of NumPy's reader (exactly these three keys, a tuple of non-negative ints for
 * the shape, a one-element tuple needs its comma) and written as NumPy writes it.
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

    /** Parses the dictionary text; a fault is a {@link NpyFormatException} naming {@code source}. */
    static NpyHeader parse(String text, String source) throws NpyFormatException {
        return new Parser(text, source).dictionary();
    }

    /** The dictionary as NumPy writes it, without padding. */
    static String format(String descr, int[] shape) {
        StringBuilder sb = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        if (shape.length == 1) sb.append(',');
        return sb.append("), }").toString();
    }

    private static final class Parser {
        private final String s;
        private final String source;
        private int pos;

        Parser(String s, String source) { this.s = s; this.source = source; }

        NpyHeader dictionary() throws NpyFormatException {
            skipSpace();
            expect('{');
            String descr = null;
            Boolean fortran = null;
            long[] shape = null;
            skipSpace();
            while (peek() != '}') {
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                switch (key) {
                    case "descr" -> {
                        if (descr != null) throw fault("key 'descr' appears twice");
                        if (peek() != '\'' && peek() != '"') {
                            throw fault("descr must be a simple type string such as '<f4' (structured dtypes are not supported)");
                        }
                        descr = string();
                    }
                    case "fortran_order" -> {
                        if (fortran != null) throw fault("key 'fortran_order' appears twice");
                        fortran = bool();
                    }
                    case "shape" -> {
                        if (shape != null) throw fault("key 'shape' appears twice");
                        shape = tuple();
                    }
                    default -> throw fault("unexpected key '" + key + "' (expected descr, fortran_order, shape)");
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    skipSpace();
                } else if (peek() != '}') {
                    throw fault("expected ',' or '}' at header offset " + pos);
                }
            }
            pos++;
            skipSpace();
            if (pos != s.length()) throw fault("unexpected text after the header dictionary at offset " + pos);
            if (descr == null) throw fault("key 'descr' is missing");
            if (fortran == null) throw fault("key 'fortran_order' is missing");
            if (shape == null) throw fault("key 'shape' is missing");
            return new NpyHeader(descr, fortran, shape);
        }

        private String string() throws NpyFormatException {
            char q = peek();
            if (q != '\'' && q != '"') throw fault("expected a quoted string at header offset " + pos);
            int end = s.indexOf(q, pos + 1);
            if (end < 0) throw fault("unterminated string at header offset " + pos);
            String r = s.substring(pos + 1, end);
            if (r.indexOf('\\') >= 0) throw fault("escape sequences in header strings are not supported");
            pos = end + 1;
            return r;
        }

        private boolean bool() throws NpyFormatException {
            if (s.startsWith("True", pos)) { pos += 4; return true; }
            if (s.startsWith("False", pos)) { pos += 5; return false; }
            throw fault("fortran_order must be True or False at header offset " + pos);
        }

        private long[] tuple() throws NpyFormatException {
            expect('(');
            List<Long> dims = new ArrayList<>();
            boolean trailingComma = false;
            skipSpace();
            while (peek() != ')') {
                dims.add(integer());
                skipSpace();
                trailingComma = false;
                if (peek() == ',') {
                    pos++;
                    trailingComma = true;
                    skipSpace();
                } else if (peek() != ')') {
                    throw fault("expected ',' or ')' in shape at header offset " + pos);
                }
            }
            pos++;
            if (dims.size() == 1 && !trailingComma) {
                throw fault("shape (" + dims.get(0) + ") is not a tuple: a one-dimensional shape is written (" + dims.get(0) + ",)");
            }
            long[] r = new long[dims.size()];
            for (int i = 0; i < r.length; i++) r[i] = dims.get(i);
            return r;
        }

        private long integer() throws NpyFormatException {
            int start = pos;
            if (peek() == '-' || peek() == '+') pos++;
            int digits = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) pos++;
            if (pos == digits) throw fault("expected an integer in shape at header offset " + start);
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) pos++; // Python 2 long suffix
            String text = s.substring(start, pos).replaceAll("[Ll]$", "");
            if (text.startsWith("-")) throw fault("shape has a negative dimension " + text);
            String magnitude = text.replaceFirst("^\\+", "").replaceFirst("^0+(?=.)", "");
            if (magnitude.length() > 18) throw fault("shape dimension " + text + " is too large");
            return Long.parseLong(magnitude);
        }

        private void expect(char c) throws NpyFormatException {
            if (peek() != c) throw fault("expected '" + c + "' at header offset " + pos);
            pos++;
        }

        private char peek() throws NpyFormatException {
            if (pos >= s.length()) throw fault("header dictionary ends early at offset " + pos);
            return s.charAt(pos);
        }

        private void skipSpace() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == '\n'
                    || s.charAt(pos) == '\r')) pos++;
        }

        private NpyFormatException fault(String what) { return new NpyFormatException(source, "malformed .npy header: " + what); }
    }
}
