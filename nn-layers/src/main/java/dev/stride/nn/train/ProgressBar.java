package dev.stride.nn.train;

import java.io.PrintStream;

/**
 * A progress bar for one epoch: items done, rate, ETA and running loss. On a terminal it redraws one
 * line with {@code \r} at most ten times a second; otherwise (a pipe, a file, CI) it prints a plain line
 * at each quarter, so logs stay readable.
 */
public final class ProgressBar {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final boolean interactive;
    private final String label;
    private final long total;
    private final long startNanos;
    private long lastDraw;
    private int lastQuarter;
    private int lastLength;

    /** @param total number of items (images) the epoch will process */
    public ProgressBar(PrintStream out, boolean interactive, String label, long total) {
        if (out == null) throw new IllegalArgumentException("out must not be null");
        if (total <= 0) throw new IllegalArgumentException("total " + total + " must be positive");
        this.out = out;
        this.interactive = interactive;
        this.label = label;
        this.total = total;
        this.startNanos = System.nanoTime();
    }

    /** True when standard output is a terminal and the CI variable is not set. */
    public static boolean stdoutIsTerminal() {
        var c = System.console();
        return c != null && c.isTerminal() && System.getenv("CI") == null;
    }

    /** Reports {@code done} items processed so far and the running mean loss. */
    public void update(long done, double runningLoss) {
        long now = System.nanoTime();
        if (interactive) {
            if (done < total && now - lastDraw < 100_000_000L) return;
            lastDraw = now;
            String line = line(done, runningLoss, now);
            // Blank out the tail of a longer previous line.
            out.print('\r' + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            out.flush();
        } else {
            int quarter = (int) (4 * done / total);
            if (quarter > lastQuarter && done < total) {
                lastQuarter = quarter;
                out.println(line(done, runningLoss, now));
            }
        }
    }

    /** Ends the bar (a newline on a terminal, so the next line starts clean). */
    public void finish() {
        if (interactive && lastLength > 0) {
            out.print('\r' + " ".repeat(lastLength) + '\r');
            out.flush();
        }
    }

    String line(long done, double runningLoss, long now) {
        double secs = (now - startNanos) / 1e9;
        double rate = secs > 0 ? done / secs : 0;
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        int filled = (int) (WIDTH * done / total);
        StringBuilder sb = new StringBuilder(label).append(" [");
        sb.append("=".repeat(filled));
        if (filled < WIDTH) sb.append('>').append(" ".repeat(WIDTH - filled - 1));
        sb.append(String.format("] %,d/%,d  %,.0f img/s  ETA %s  loss %.4f", done, total, rate,
                Double.isNaN(eta) ? "?" : String.format("%.1f s", eta), runningLoss));
        return sb.toString();
    }
}
