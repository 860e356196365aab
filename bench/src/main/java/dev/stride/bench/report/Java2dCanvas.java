package dev.stride.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** A {@link Canvas} that draws into an image with Java2D (headless-safe). */
final class Java2dCanvas implements Canvas {
    private final BufferedImage image;
    private final Graphics2D g;

    Java2dCanvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setStroke(new BasicStroke(1f));
    }

    @Override public void rect(double x, double y, double w, double h, String fill) {
        g.setColor(Color.decode(fill));
        g.fill(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
    }

    @Override public void line(double x1, double y1, double x2, double y2, String stroke) {
        g.setColor(Color.decode(stroke));
        g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
    }

    @Override public void text(double x, double y, String s, double size, String anchor, double rotate, String fill) {
        g.setColor(Color.decode(fill));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size)));
        double w = g.getFontMetrics().stringWidth(s);
        double dx = switch (anchor) {
            case "middle" -> -w / 2;
            case "end" -> -w;
            default -> 0;
        };
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (rotate != 0) g.rotate(Math.toRadians(rotate));
        g.drawString(s, (float) dx, 0f);
        g.setTransform(saved);
    }

    BufferedImage image() {
        g.dispose();
        return image;
    }
}
