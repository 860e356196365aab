package dev.stride.bench.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * An ASCII picture of a grid of cells (a padded input, or a transposed convolution's output) and the cells a
 * few windows cover, drawn the way a hand-made figure of padding and strides is: one letter per window,
 * a digit where several of the shown windows overlap, and a symbol for every other kind of cell.
 *
 * <p>Coordinates are those of the unpadded grid, so padding has negative coordinates (or coordinates past
 * the input's end); the headers print them so a reader can match the picture with the arithmetic.
 */
final class AsciiGrid {
    /** What an uncovered cell is; each kind has its own symbol, chosen by the caller for its legend. */
    enum Kind { INSIDE, MARGIN, BEYOND }

    /** One axis: coordinates {@code lo..hi}; {@code [insideFrom, insideTo)} is INSIDE, {@code [marginFrom, marginTo)} MARGIN, the rest BEYOND. */
    record Axis(int lo, int hi, int insideFrom, int insideTo, int marginFrom, int marginTo) {
        Kind kind(int c) {
            if (c >= insideFrom && c < insideTo) return Kind.INSIDE;
            if (c >= marginFrom && c < marginTo) return Kind.MARGIN;
            return Kind.BEYOND;
        }

        int size() { return hi - lo + 1; }

        /** A single-row axis, for 1-D ops. */
        static Axis single() { return new Axis(0, 0, 0, 1, 0, 1); }
    }

    /**
     * The symbols of uncovered cells and what they are called in the legend and the per-window lines
     * (e.g. {@code 'o'} "input", {@code '.'} "padding", {@code '-'} "past the padding").
     */
    record Legend(char inside, String insideName, char margin, String marginName, char beyond, String beyondName) {
        char symbol(Kind k) {
            return switch (k) {
                case INSIDE -> inside;
                case MARGIN -> margin;
                case BEYOND -> beyond;
            };
        }
    }

    /** One window: its letter and the row and column coordinates it covers (a cross product). */
    record Window(char letter, int[] rows, int[] cols) {}

    private AsciiGrid() {}

    /**
     * Draws the grid, one line per row after a header of column coordinates. A 1-D grid
     * ({@code oneDimensional}, one row) is drawn without row coordinates.
     */
    static List<String> draw(Axis rows, Axis cols, List<Window> windows, Legend legend, boolean oneDimensional) {
        int[][] count = new int[rows.size()][cols.size()];
        char[][] letter = new char[rows.size()][cols.size()];
        for (Window w : windows) {
            for (int r : w.rows()) {
                for (int c : w.cols()) {
                    if (r < rows.lo() || r > rows.hi() || c < cols.lo() || c > cols.hi()) continue;
                    count[r - rows.lo()][c - cols.lo()]++;
                    letter[r - rows.lo()][c - cols.lo()] = w.letter();
                }
            }
        }
        int cw = Math.max(3, 1 + Math.max(Integer.toString(cols.lo()).length(), Integer.toString(cols.hi()).length()));
        String rowHead = oneDimensional ? "    " : "      ";
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder(rowHead);
        for (int c = cols.lo(); c <= cols.hi(); c++) head.append(pad(Integer.toString(c), cw));
        lines.add(head.toString().stripTrailing());
        for (int r = rows.lo(); r <= rows.hi(); r++) {
            StringBuilder line = new StringBuilder(oneDimensional ? rowHead : String.format("  %3d ", r));
            for (int c = cols.lo(); c <= cols.hi(); c++) {
                int n = count[r - rows.lo()][c - cols.lo()];
                char ch;
                if (n == 1) {
                    ch = letter[r - rows.lo()][c - cols.lo()];
                } else if (n > 1) {
                    ch = n > 9 ? '+' : (char) ('0' + n);
                } else {
                    Kind k = worst(rows.kind(r), cols.kind(c));
                    ch = legend.symbol(k);
                }
                line.append(pad(Character.toString(ch), cw));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static Kind worst(Kind a, Kind b) { return a.ordinal() >= b.ordinal() ? a : b; }

    private static String pad(String s, int width) { return " ".repeat(Math.max(0, width - s.length())) + s; }

    /** The coordinates {@code start, start+step, ...} ({@code count} of them). */
    static int[] arithmetic(int start, int step, int count) {
        int[] r = new int[count];
        for (int i = 0; i < count; i++) r[i] = start + i * step;
        return r;
    }

    /** The coordinates {@code from..to-1}. */
    static int[] range(int from, int to) { return arithmetic(from, 1, Math.max(0, to - from)); }
}
