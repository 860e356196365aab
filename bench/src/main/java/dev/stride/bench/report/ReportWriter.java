package dev.stride.bench.report;

import dev.stride.nn.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link Report} as Markdown (for people) and JSON (for scripts). */
public final class ReportWriter {
    private ReportWriter() {}

    public static String markdown(Report report) {
        StringBuilder sb = new StringBuilder("# Stride benchmark report\n\n");
        Machine m = report.machine();
        sb.append("Machine: ").append(m.cpu()).append(", ").append(m.cores()).append(" cores, vector width ")
          .append(m.vectorBits()).append(" bits, ").append(m.jdk()).append(", ").append(m.os()).append("\n\n");
        if (!report.peakGflops().isEmpty()) {
            sb.append("FP32 peak measured in this run (PeakBench): ");
            report.peakGflops().forEach((t, g) -> sb.append(fmt(g)).append(" GFLOP/s at ").append(t).append(" thread(s); "));
            sb.setLength(sb.length() - 2);
            sb.append("\n\n");
        }
        if (!report.copyGbs().isEmpty()) {
            sb.append("Copy bandwidth measured in this run (CopyBench): ");
            report.copyGbs().forEach((t, g) -> sb.append(fmt(g)).append(" GB/s at ").append(t).append(" thread(s); "));
            sb.setLength(sb.length() - 2);
            sb.append("\n\n");
        }
        for (String n : report.notes()) sb.append("> ").append(n).append("\n\n");
        String suite = null;
        for (Report.Row row : report.rows()) {
            if (!row.suite().equals(suite)) {
                suite = row.suite();
                sb.append("## ").append(suite).append("\n\n");
                sb.append("| case | threads | impl | median ms | ± ms | rate | vs reference | vs ONNX Runtime | of limit |\n");
                sb.append("|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
            }
            for (Report.Cell c : row.cells()) {
                sb.append("| ").append(row.caseKey()).append(" | ").append(row.threads()).append(" | ").append(c.impl())
                  .append(" | ").append(fmt(c.medianMs())).append(" | ").append(fmt(c.errorMs()))
                  .append(" | ").append(Double.isNaN(c.rate()) ? "" : fmt(c.rate()) + " " + c.rateUnit())
                  .append(" | ").append(ratio(c.speedupVsReference()))
                  .append(" | ").append(ratio(c.vsOnnxRuntime()))
                  .append(" | ").append(Double.isNaN(c.fractionOfLimit()) ? "" : String.format(Locale.ROOT, "%.1f%% %s", 100 * c.fractionOfLimit(), c.limitName()))
                  .append(" |\n");
            }
        }
        sb.append("\nRatios: \"vs reference\" is reference time / this time; \"vs ONNX Runtime\" is the faster ONNX Runtime "
                + "variant's time / this time (above 1: faster than ONNX Runtime); \"of limit\" is the rate over the FP32 peak "
                + "or the copy bandwidth measured in the same run at the same thread count.\n");
        return sb.toString();
    }

    public static String json(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "stride-bench-report/1");
        root.put("machine", report.machine().toMap());
        Map<String, Object> peak = new LinkedHashMap<>();
        report.peakGflops().forEach((t, g) -> peak.put(String.valueOf(t), g));
        root.put("peakGflops", peak);
        Map<String, Object> copy = new LinkedHashMap<>();
        report.copyGbs().forEach((t, g) -> copy.put(String.valueOf(t), g));
        root.put("copyGBs", copy);
        root.put("notes", report.notes());
        List<Object> rows = new ArrayList<>();
        for (Report.Row row : report.rows()) {
            for (Report.Cell c : row.cells()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("suite", row.suite());
                o.put("case", row.caseKey());
                o.put("threads", row.threads());
                o.put("impl", c.impl());
                o.put("medianMs", c.medianMs());
                o.put("errorMs", c.errorMs());
                o.put("rate", c.rate());
                o.put("rateUnit", c.rateUnit());
                o.put("speedupVsReference", c.speedupVsReference());
                o.put("vsOnnxRuntime", c.vsOnnxRuntime());
                o.put("fractionOfLimit", c.fractionOfLimit());
                o.put("limit", c.limitName());
                rows.add(o);
            }
        }
        root.put("results", rows);
        return Json.writePretty(root);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "";
        double a = Math.abs(v);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        if (a >= 0.01) return String.format(Locale.ROOT, "%.3f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String ratio(double r) {
        return Double.isNaN(r) ? "" : String.format(Locale.ROOT, "%.2fx", r);
    }
}
