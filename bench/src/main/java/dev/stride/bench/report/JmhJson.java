package dev.stride.bench.report;

import dev.stride.nn.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's JSON result format ({@code -rf json}) into {@link BenchResult}s. Times are converted to
 * ms/op; throughput modes ({@code ops/s}, ...) are inverted. Errors name the file and the field at fault.
 */
public final class JmhJson {
    private JmhJson() {}

    public static List<BenchResult> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not a JMH JSON result: " + e.getMessage(), e);
        }
    }

    public static List<BenchResult> parse(String text) {
        Object root = Json.parse(text);
        if (!(root instanceof List<?> rows)) throw new IllegalArgumentException("top level is not an array");
        List<BenchResult> out = new ArrayList<>();
        int i = 0;
        for (Object r : rows) {
            if (!(r instanceof Map<?, ?> m)) throw new IllegalArgumentException("entry " + i + " is not an object");
            String benchmark = str(m, "benchmark", i);
            int dot = benchmark.lastIndexOf('.');
            String method = benchmark.substring(dot + 1);
            String cls = benchmark.substring(0, Math.max(dot, 0));
            String suite = cls.substring(cls.lastIndexOf('.') + 1);
            Map<String, String> params = new LinkedHashMap<>();
            if (m.get("params") instanceof Map<?, ?> p) p.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            if (!(m.get("primaryMetric") instanceof Map<?, ?> pm)) throw new IllegalArgumentException("entry " + i + " has no primaryMetric");
            String unit = str(pm, "scoreUnit", i);
            double score = num(pm.get("score"), "score", i);
            double error = pm.get("scoreError") == null ? Double.NaN : num(pm.get("scoreError"), "scoreError", i);
            double median = score;
            if (pm.get("scorePercentiles") instanceof Map<?, ?> pc && pc.get("50.0") != null) median = num(pc.get("50.0"), "50.0", i);
            int samples = 0;
            if (pm.get("rawData") instanceof List<?> forks) {
                for (Object f : forks) if (f instanceof List<?> it) samples += it.size();
            }
            double[] ms = toMs(unit, median, error, i);
            out.add(new BenchResult(suite, method, params, ms[0], ms[1], samples));
            i++;
        }
        return out;
    }

    /** Converts a (score, error) in {@code unit} to ms/op. For rates the error is propagated to first order. */
    static double[] toMs(String unit, double score, double error, int i) {
        String[] parts = unit.split("/");
        if (parts.length != 2) throw new IllegalArgumentException("entry " + i + ": unknown unit " + unit);
        if (parts[1].equals("op")) {
            double f = timeUnitMs(parts[0], unit, i);
            return new double[] {score * f, error * f};
        }
        if (parts[0].equals("ops")) {
            double f = timeUnitMs(parts[1], unit, i); // ops per time unit
            double ms = f / score;
            return new double[] {ms, Double.isNaN(error) ? Double.NaN : ms * error / score};
        }
        throw new IllegalArgumentException("entry " + i + ": unknown unit " + unit);
    }

    private static double timeUnitMs(String u, String unit, int i) {
        return switch (u) {
            case "ns" -> 1e-6;
            case "us" -> 1e-3;
            case "ms" -> 1.0;
            case "s" -> 1e3;
            case "min" -> 60e3;
            default -> throw new IllegalArgumentException("entry " + i + ": unknown time unit in " + unit);
        };
    }

    private static String str(Map<?, ?> m, String k, int i) {
        if (!(m.get(k) instanceof String s)) throw new IllegalArgumentException("entry " + i + " has no string '" + k + "'");
        return s;
    }

    private static double num(Object o, String k, int i) {
        if (o instanceof Number n) return n.doubleValue();
        if (o instanceof String s && s.equals("NaN")) return Double.NaN;
        throw new IllegalArgumentException("entry " + i + ": '" + k + "' is not a number");
    }
}
