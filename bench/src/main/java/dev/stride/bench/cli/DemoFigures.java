package dev.stride.bench.cli;

import dev.stride.core.Tensor;
import dev.stride.nn.data.Mnist;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The demo's pictures, drawn with java.awt in headless mode and written as PNG: the first layer's
 * filters with the feature maps they produce on a few test digits (the visualisation idea of Zeiler and
 * Fergus), and a grid of misclassified digits with predicted and true labels.
 */
final class DemoFigures {
    private static final int TILE = 56;
    private static final int GAP = 6;
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color INK = new Color(30, 30, 30);

    private DemoFigures() {}

    static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
    }

    static void write(BufferedImage img, Path file) throws IOException {
        if (!ImageIO.write(img, "png", file.toFile())) throw new IOException(file + ": no PNG writer available");
    }

    /**
     * Row 0: the {@code C} filters of {@code weight [C, 1, k, k]} (blue negative, red positive, one scale
     * for all). Then, per digit of {@code digits [D, 1, H, W]}: the digit and its {@code C} feature maps from
     * {@code maps [D, C, H', W']} (after ReLU; grey scale, one scale per map row).
     */
    static void filtersAndMaps(Tensor weight, Tensor digits, Tensor maps, Path file) throws IOException {
        int c = weight.dim(0), k = weight.dim(2), d = digits.dim(0);
        int labelW = 90;
        int width = labelW + (c + 1) * (TILE + GAP) + GAP;
        int height = 30 + (d + 1) * (TILE + GAP + 14) + GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setColor(INK);
        g.drawString("First convolution: its " + c + " filters (" + k + "x" + k + ", red > 0 > blue) and their ReLU feature maps",
                GAP, 18);
        float wMax = 1e-12f;
        for (float v : weight.data()) wMax = Math.max(wMax, Math.abs(v));
        int y0 = 30;
        g.drawString("filters", GAP, y0 + TILE / 2);
        for (int f = 0; f < c; f++) {
            int x0 = labelW + (f + 1) * (TILE + GAP);
            BufferedImage tile = new BufferedImage(k, k, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) tile.setRGB(j, i, diverging(weight.data()[(f * k + i) * k + j] / wMax));
            }
            g.drawImage(tile, x0, y0, TILE, TILE, null);
            g.setColor(INK);
            g.drawString("filter " + f, x0 + 6, y0 + TILE + 12);
        }
        int h = digits.dim(2), w = digits.dim(3), mh = maps.dim(2), mw = maps.dim(3);
        for (int n = 0; n < d; n++) {
            int yy = y0 + (n + 1) * (TILE + GAP + 14);
            g.setColor(INK);
            g.drawString("test digit " + (n + 1), GAP, yy + TILE / 2);
            BufferedImage digit = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) digit.setRGB(j, i, grey(Mnist.toUnit(digits.data()[(n * h + i) * w + j])));
            }
            g.drawImage(digit, labelW, yy, TILE, TILE, null);
            float mMax = 1e-12f;
            int base = n * c * mh * mw;
            for (int i = 0; i < c * mh * mw; i++) mMax = Math.max(mMax, maps.data()[base + i]);
            for (int f = 0; f < c; f++) {
                BufferedImage tile = new BufferedImage(mw, mh, BufferedImage.TYPE_INT_RGB);
                for (int i = 0; i < mh; i++) {
                    for (int j = 0; j < mw; j++) tile.setRGB(j, i, grey(maps.data()[base + (f * mh + i) * mw + j] / mMax));
                }
                g.drawImage(tile, labelW + (f + 1) * (TILE + GAP), yy, TILE, TILE, null);
            }
        }
        g.dispose();
        write(img, file);
    }

    /**
     * Up to {@code max} misclassified digits of {@code images [N, 1, H, W]}, 10 per row, each captioned
     * with its predicted and true labels.
     */
    static int misclassified(Tensor images, int[] labels, int[] predicted, int max, Path file) throws IOException {
        List<Integer> wrong = new java.util.ArrayList<>();
        for (int i = 0; i < labels.length && wrong.size() < max; i++) if (labels[i] != predicted[i]) wrong.add(i);
        int cols = 10, rows = Math.max(1, (wrong.size() + cols - 1) / cols);
        int cell = TILE + 18;
        BufferedImage img = new BufferedImage(GAP + cols * (TILE + GAP), 28 + rows * (cell + GAP), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setColor(INK);
        g.drawString(wrong.isEmpty() ? "No misclassified test digits."
                : "Misclassified test digits (first " + wrong.size() + "): predicted label in red, true label in grey", GAP, 18);
        int h = images.dim(2), w = images.dim(3);
        for (int k = 0; k < wrong.size(); k++) {
            int n = wrong.get(k);
            int x0 = GAP + (k % cols) * (TILE + GAP), y0 = 28 + (k / cols) * (cell + GAP);
            BufferedImage digit = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) digit.setRGB(j, i, grey(Mnist.toUnit(images.data()[(n * h + i) * w + j])));
            }
            g.drawImage(digit, x0, y0, TILE, TILE, null);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.setColor(new Color(200, 30, 30));
            g.drawString(String.valueOf(predicted[n]), x0 + 4, y0 + TILE + 14);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(Color.GRAY);
            g.drawString("true " + labels[n], x0 + 20, y0 + TILE + 14);
        }
        g.setStroke(new BasicStroke(1f));
        g.dispose();
        write(img, file);
        return wrong.size();
    }

    /** Black (0) to white (1). */
    static int grey(float v) {
        int c = Math.round(255 * Math.max(0f, Math.min(1f, v)));
        return c << 16 | c << 8 | c;
    }

    /** -1 blue, 0 white, +1 red. */
    static int diverging(float v) {
        float t = Math.max(-1f, Math.min(1f, v));
        int r, gr, b;
        if (t >= 0) { r = 255; gr = Math.round(255 * (1 - t)); b = gr; }
        else { b = 255; gr = Math.round(255 * (1 + t)); r = gr; }
        return r << 16 | gr << 8 | b;
    }
}
