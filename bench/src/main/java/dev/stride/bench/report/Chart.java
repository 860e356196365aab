package dev.stride.bench.report;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report's bar chart: one panel per suite, bars grouped by case and thread count, one colour per
 * implementation. Bars show the rate (GFLOP/s, GB/s, items/s; ops/s when a suite has no work model);
 * the value axis is logarithmic when the values span more than 20x (the reference would flatten the rest).
 */
public final class Chart {
    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#7f7f7f"};
    private static final int WIDTH = 1000, PANEL_H = 260, TOP = 50, LEFT = 80, RIGHT = 20;

    private Chart() {}

    public static String svg(Report report) {
        SvgCanvas c = new SvgCanvas(WIDTH, height(report));
        draw(report, c);
        return c.document();
    }

    public static BufferedImage png(Report report) {
        Java2dCanvas c = new Java2dCanvas(WIDTH, height(report));
        draw(report, c);
        return c.image();
    }

    private static Map<String, List<Report.Row>> bySuite(Report report) {
        Map<String, List<Report.Row>> m = new LinkedHashMap<>();
        for (Report.Row r : report.rows()) m.computeIfAbsent(r.suite(), k -> new ArrayList<>()).add(r);
        return m;
    }

    private static int height(Report report) {
        return TOP + Math.max(1, bySuite(report).size()) * (PANEL_H + 90) + 20;
    }

    private static double value(Report.Cell c) {
        return Double.isNaN(c.rate()) ? 1000.0 / c.medianMs() : c.rate();
    }

    private static void draw(Report report, Canvas c) {
        Set<String> impls = new LinkedHashSet<>();
        report.rows().forEach(r -> r.cells().forEach(x -> impls.add(x.impl())));
        List<String> implList = new ArrayList<>(impls);
        c.text(LEFT, 22, "Stride benchmarks — " + report.machine().cpu() + ", " + report.machine().jdk(), 14, "start", 0, "#000000");
        double lx = LEFT;
        for (int i = 0; i < implList.size(); i++) {
            c.rect(lx, 32, 12, 12, PALETTE[i % PALETTE.length]);
            c.text(lx + 16, 43, implList.get(i), 12, "start", 0, "#000000");
            lx += 24 + 8 * implList.get(i).length();
        }
        if (report.rows().isEmpty()) {
            c.text(WIDTH / 2.0, TOP + 40, "no results", 14, "middle", 0, "#000000");
            return;
        }
        int panel = 0;
        for (Map.Entry<String, List<Report.Row>> e : bySuite(report).entrySet()) {
            double y0 = TOP + 20 + panel * (PANEL_H + 90);
            drawPanel(c, e.getKey(), e.getValue(), implList, y0);
            panel++;
        }
    }

    private static void drawPanel(Canvas c, String suite, List<Report.Row> rows, List<String> impls, double y0) {
        double min = Double.MAX_VALUE, max = 0;
        String unit = "ops/s";
        for (Report.Row r : rows) {
            for (Report.Cell x : r.cells()) {
                double v = value(x);
                if (v > 0 && Double.isFinite(v)) { min = Math.min(min, v); max = Math.max(max, v); }
                if (!Double.isNaN(x.rate())) unit = x.rateUnit();
            }
        }
        if (max <= 0) return;
        boolean log = max / min > 20;
        double lo = log ? Math.pow(10, Math.floor(Math.log10(min))) : 0;
        double hi = log ? Math.pow(10, Math.ceil(Math.log10(max))) : niceCeil(max);
        double plotW = WIDTH - LEFT - RIGHT, plotH = PANEL_H;
        double base = y0 + plotH;
        c.text(LEFT, y0 - 6, suite + " (" + unit + (log ? ", log scale" : "") + ", higher is better)", 13, "start", 0, "#000000");
        c.line(LEFT, y0, LEFT, base, "#000000");
        c.line(LEFT, base, LEFT + plotW, base, "#000000");
        List<Double> ticks = new ArrayList<>();
        if (log) for (double t = lo; t <= hi * 1.0001; t *= 10) ticks.add(t);
        else for (int i = 0; i <= 4; i++) ticks.add(hi * i / 4);
        for (double t : ticks) {
            double y = base - scale(t, lo, hi, log) * plotH;
            c.line(LEFT - 4, y, LEFT + plotW, y, "#dddddd");
            c.text(LEFT - 6, y + 4, ReportWriter.fmt(t), 10, "end", 0, "#333333");
        }
        double groupW = plotW / rows.size();
        double barW = Math.max(2, Math.min(28, (groupW - 10) / impls.size()));
        for (int g = 0; g < rows.size(); g++) {
            Report.Row r = rows.get(g);
            double gx = LEFT + g * groupW + (groupW - barW * impls.size()) / 2;
            for (Report.Cell x : r.cells()) {
                int k = impls.indexOf(x.impl());
                double v = value(x);
                if (!(v > 0) || !Double.isFinite(v)) continue;
                double h = Math.max(1, scale(v, lo, hi, log) * plotH);
                c.rect(gx + k * barW, base - h, barW - 1, h, PALETTE[k % PALETTE.length]);
            }
            String label = r.caseKey().replace("batch=1 ", "") + " t" + r.threads();
            c.text(LEFT + g * groupW + groupW / 2, base + 14, shorten(label), 10, "end", -30, "#000000");
        }
    }

    private static String shorten(String s) { return s.length() > 28 ? s.substring(0, 27) + "…" : s; }

    private static double scale(double v, double lo, double hi, boolean log) {
        if (log) return Math.max(0, (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)));
        return v / hi;
    }

    private static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) if (m * p >= v) return m * p;
        return 10 * p;
    }

    static String format(double v) { return String.format(Locale.ROOT, "%.3g", v); }
}
