package dev.stride.bench.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The part of {@code ./stride explain} shared by the window ops: the per-axis output arithmetic, and for a
 * small input the picture of the cells the first windows cover, with one line per window.
 */
final class ExplainWindows {
    /** Largest input side that gets a picture (bigger ones would not fit a terminal). */
    static final int MAX_PICTURE_SIDE_2D = 16;
    static final int MAX_PICTURE_LENGTH_1D = 32;
    private static final int MAX_GRID_2D = 40;
    private static final int MAX_GRID_1D = 48;

    /** The symbols of a padded input. */
    static AsciiGrid.Legend paddedInput(char padding) {
        return new AsciiGrid.Legend('o', "input", padding, "padding", '-', "past the padding");
    }

    private ExplainWindows() {}

    /** Prints the formula and one arithmetic line per axis ({@code axes} is {height, width} or {length}). */
    static void printArithmetic(PrintStream out, List<ExplainAxis> axes) {
        out.println();
        out.println("output size per axis (conv_arithmetic):");
        out.println("  " + ExplainAxis.formula(axes.getFirst().ceilMode()));
        for (ExplainAxis a : axes) out.printf("  %-7s %s%n", a.name(), a.arithmetic());
        for (ExplainAxis a : axes) {
            if (a.dilation() > 1) {
                out.printf("  effective kernel %s: dilation*(kernel-1)+1 = %d*(%d-1)+1 = %d%n", a.name(), a.dilation(),
                        a.kernel(), a.effectiveKernel());
            }
        }
    }

    /** {@code kernel 3x3, stride 2,2} (with the dilation when there is one): the caption of a sliding-window picture. */
    static String caption(ExplainAxis rows, ExplainAxis cols) {
        if (rows == null) {
            return "kernel " + cols.kernel() + ", stride " + cols.stride() + (cols.dilation() > 1 ? ", dilation " + cols.dilation() : "");
        }
        return "kernel " + rows.kernel() + "x" + cols.kernel() + ", stride " + rows.stride() + "," + cols.stride()
                + (rows.dilation() > 1 || cols.dilation() > 1 ? ", dilation " + rows.dilation() + "," + cols.dilation() : "");
    }

    /**
     * Prints the picture of the first windows, or one line saying why there is none.
     *
     * @param title   the first line, e.g. {@code the input (5x5) with its padding, and the first 4 windows (...)}
     * @param rows    the row axis, or null for a 1-D op
     * @param owner   what a window belongs to in the per-window lines: {@code output} (window ops: output cell
     *                [i,j] reads window a) or {@code input} (transposed conv: input cell [i,j] writes window a)
     * @param notes   legend lines after the generic one; one starting with the MARGIN symbol is printed only
     *                when the picture has MARGIN cells
     * @param detail  extra text per window from (row, col) (e.g. an average pool's divisor), or null
     */
    static void printPicture(PrintStream out, String title, ExplainWindowAxis rows, ExplainWindowAxis cols,
                             AsciiGrid.Legend legend, String owner, List<String> notes,
                             BiFunction<Integer, Integer, String> detail) {
        boolean oneD = rows == null;
        out.println();
        if (!fits(rows, cols)) {
            out.println(oneD
                    ? "picture: only for inputs up to " + MAX_PICTURE_LENGTH_1D + " long (give a smaller --input to see the windows)"
                    : "picture: only for inputs up to " + MAX_PICTURE_SIDE_2D + "x" + MAX_PICTURE_SIDE_2D
                      + " (give a smaller --input to see the windows)");
            return;
        }
        List<int[]> chosen = firstWindows(oneD ? 1 : rows.out(), cols.out(), oneD);
        List<AsciiGrid.Window> windows = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            int[] rc = chosen.get(i);
            windows.add(new AsciiGrid.Window((char) ('a' + i), oneD ? new int[] {0} : rows.window(rc[0]), cols.window(rc[1])));
        }
        AsciiGrid.Axis rowAxis = oneD ? AsciiGrid.Axis.single() : rows.gridAxis();
        AsciiGrid.Axis colAxis = cols.gridAxis();
        out.println("picture: " + title.replace("{n}", windows.size() + " window" + (windows.size() == 1 ? "" : "s")) + ":");
        for (String line : AsciiGrid.draw(rowAxis, colAxis, windows, legend, oneD)) out.println(line);
        String letters = "a-" + (char) ('a' + windows.size() - 1);
        boolean beyond = hasBeyond(rowAxis) || hasBeyond(colAxis);
        boolean margin = hasMargin(rowAxis) || hasMargin(colAxis);
        out.println("  " + legend.inside() + " " + legend.insideName()
                + (margin ? "   " + legend.margin() + " " + legend.marginName() : "")
                + (beyond ? "   " + legend.beyond() + " " + legend.beyondName() : "")
                + "   " + (windows.size() == 1 ? "a cells of window a" : letters + " cells of windows " + letters)
                + (windows.size() > 1 ? "   2-9 cells shared by that many of these windows" : ""));
        // A note about padding (it starts with the padding symbol) only matters when padding is drawn.
        for (String l : notes) if (margin || l.charAt(0) != legend.margin()) out.println("  " + l);
        for (int i = 0; i < windows.size(); i++) {
            int[] rc = chosen.get(i);
            AsciiGrid.Window w = windows.get(i);
            int inside = count(w.rows(), rowAxis, AsciiGrid.Kind.INSIDE) * count(w.cols(), colAxis, AsciiGrid.Kind.INSIDE);
            int drawn = notBeyond(w.rows(), rowAxis) * notBeyond(w.cols(), colAxis);
            int total = w.rows().length * w.cols().length;
            StringBuilder sb = new StringBuilder("  ").append(w.letter()).append(": ").append(owner).append(' ');
            sb.append(oneD ? "[" + rc[1] + "]" : "[" + rc[0] + "," + rc[1] + "]");
            sb.append(owner.equals("output") ? " reads " : " writes ");
            if (!oneD) sb.append("rows ").append(ExplainAxis.describe(w.rows())).append(" x cols ");
            else sb.append("cells ");
            sb.append(ExplainAxis.describe(w.cols())).append(": ").append(total).append(" cells, ").append(inside)
                    .append(' ').append(legend.insideName());
            if (drawn > inside) sb.append(", ").append(drawn - inside).append(' ').append(legend.marginName());
            if (total > drawn) sb.append(", ").append(total - drawn).append(' ').append(legend.beyondName());
            if (detail != null) sb.append("; ").append(detail.apply(rc[0], rc[1]));
            out.println(sb);
        }
    }

    private static boolean fits(ExplainWindowAxis rows, ExplainWindowAxis cols) {
        if (rows == null) return cols.in() <= MAX_PICTURE_LENGTH_1D && cols.gridAxis().size() <= MAX_GRID_1D;
        return rows.in() <= MAX_PICTURE_SIDE_2D && cols.in() <= MAX_PICTURE_SIDE_2D
                && rows.gridAxis().size() <= MAX_GRID_2D && cols.gridAxis().size() <= MAX_GRID_2D;
    }

    /**
     * The windows to draw: along a row first, then the start of the next row, so both strides show, and
     * the last window, so the bottom/right padding (and a ceil-mode overhang) shows too:
     * 2-D {(0,0), (0,1), (1,0), (1,1), (last,last)}, 1-D {0, 1, 2, last}, as far as the output has them.
     */
    static List<int[]> firstWindows(int outRows, int outCols, boolean oneD) {
        List<int[]> r = new ArrayList<>();
        if (oneD) {
            for (int c = 0; c < Math.min(3, outCols); c++) r.add(new int[] {0, c});
            if (outCols > 3) r.add(new int[] {0, outCols - 1});
        } else {
            for (int row = 0; row < Math.min(2, outRows); row++) {
                for (int c = 0; c < Math.min(2, outCols); c++) r.add(new int[] {row, c});
            }
            if (outRows > 2 || outCols > 2) r.add(new int[] {outRows - 1, outCols - 1});
        }
        return r;
    }

    private static boolean hasBeyond(AsciiGrid.Axis a) {
        for (int c = a.lo(); c <= a.hi(); c++) if (a.kind(c) == AsciiGrid.Kind.BEYOND) return true;
        return false;
    }

    private static boolean hasMargin(AsciiGrid.Axis a) {
        for (int c = a.lo(); c <= a.hi(); c++) if (a.kind(c) == AsciiGrid.Kind.MARGIN) return true;
        return false;
    }

    private static int count(int[] coords, AsciiGrid.Axis a, AsciiGrid.Kind kind) {
        int n = 0;
        for (int c : coords) if (a.kind(c) == kind) n++;
        return n;
    }

    private static int notBeyond(int[] coords, AsciiGrid.Axis a) {
        return coords.length - count(coords, a, AsciiGrid.Kind.BEYOND);
    }
}
