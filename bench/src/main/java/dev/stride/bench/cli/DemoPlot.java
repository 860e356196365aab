package dev.stride.bench.cli;

import dev.stride.nn.train.Trainer.EpochResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The demo's training curves: loss (left) and accuracy (right) per epoch, train and test, as a PNG. */
final class DemoPlot {
    private static final int PANEL_W = 420, PANEL_H = 300, MARGIN = 50;
    private static final Color TRAIN = new Color(31, 119, 180), TEST = new Color(255, 127, 14);

    private DemoPlot() {}

    static void curves(List<EpochResult> epochs, Path file) throws IOException {
        BufferedImage img = new BufferedImage(2 * PANEL_W, PANEL_H + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = DemoFigures.canvas(img);
        panel(g, 0, "cross-entropy loss per epoch", epochs, EpochResult::trainLoss, EpochResult::testLoss, false);
        panel(g, PANEL_W, "accuracy per epoch (%)", epochs, e -> 100 * e.trainAccuracy(), e -> 100 * e.testAccuracy(), true);
        g.setColor(TRAIN);
        g.fillRect(MARGIN, PANEL_H + 12, 14, 4);
        g.setColor(Color.DARK_GRAY);
        g.drawString("train (mean over the epoch's batches)", MARGIN + 20, PANEL_H + 19);
        g.setColor(TEST);
        g.fillRect(MARGIN + 300, PANEL_H + 12, 14, 4);
        g.setColor(Color.DARK_GRAY);
        g.drawString("held-out test set (after the epoch)", MARGIN + 320, PANEL_H + 19);
        g.dispose();
        DemoFigures.write(img, file);
    }

    private static void panel(Graphics2D g, int x0, String title, List<EpochResult> epochs,
                              ToDoubleFunction<EpochResult> train, ToDoubleFunction<EpochResult> test, boolean percent) {
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (EpochResult e : epochs) {
            for (double v : new double[] {train.applyAsDouble(e), test.applyAsDouble(e)}) {
                if (Double.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
            }
        }
        if (lo == Double.MAX_VALUE) { lo = 0; hi = 1; }
        if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
        double pad = (hi - lo) * 0.08;
        lo -= pad;
        hi += pad;
        if (!percent) lo = Math.max(0, lo);
        else hi = Math.min(100, hi);
        int left = x0 + MARGIN, right = x0 + PANEL_W - 15, top = 30, bottom = PANEL_H - 35;
        g.setColor(Color.DARK_GRAY);
        g.drawString(title, left, 18);
        g.drawRect(left, top, right - left, bottom - top);
        int n = epochs.size();
        for (int t = 0; t <= 4; t++) {
            double v = lo + (hi - lo) * t / 4;
            int y = (int) Math.round(bottom - (bottom - top) * (v - lo) / (hi - lo));
            g.setColor(new Color(225, 225, 225));
            g.drawLine(left + 1, y, right - 1, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(percent ? String.format("%.1f", v) : String.format("%.3f", v), x0 + 4, y + 4);
        }
        for (int e = 0; e < n; e++) {
            int x = xAt(e, n, left, right);
            if (n <= 20 || e % ((n + 19) / 20) == 0) g.drawString(String.valueOf(e + 1), x - 3, bottom + 15);
        }
        g.drawString("epoch", (left + right) / 2 - 15, bottom + 30);
        series(g, epochs, train, TRAIN, lo, hi, left, right, top, bottom);
        series(g, epochs, test, TEST, lo, hi, left, right, top, bottom);
    }

    private static int xAt(int e, int n, int left, int right) {
        return n == 1 ? (left + right) / 2 : left + 10 + (right - left - 20) * e / (n - 1);
    }

    private static void series(Graphics2D g, List<EpochResult> epochs, ToDoubleFunction<EpochResult> f, Color color,
                               double lo, double hi, int left, int right, int top, int bottom) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int n = epochs.size();
        int px = -1, py = -1;
        for (int e = 0; e < n; e++) {
            double v = f.applyAsDouble(epochs.get(e));
            if (!Double.isFinite(v)) continue;
            int x = xAt(e, n, left, right);
            int y = (int) Math.round(bottom - (bottom - top) * (v - lo) / (hi - lo));
            if (px >= 0) g.drawLine(px, py, x, y);
            g.fillOval(x - 3, y - 3, 7, 7);
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1f));
    }
}
