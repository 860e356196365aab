package dev.stride.bench.report;

/** The few drawing calls the chart needs, so one layout feeds both the SVG and the PNG. */
interface Canvas {
    void rect(double x, double y, double w, double h, String fill);

    void line(double x1, double y1, double x2, double y2, String stroke);

    /** Text at a baseline point; {@code anchor} is start, middle or end; {@code rotate} in degrees. */
    void text(double x, double y, String s, double size, String anchor, double rotate, String fill);
}
