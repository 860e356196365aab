package dev.stride.bench.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * One JMH result row, normalised: time per operation in milliseconds (median of the samples and the
 * 99.9% error half-width JMH reports), whatever the benchmark's own mode and unit.
 *
 * @param suite    the benchmark class's simple name, e.g. {@code ConvBench}
 * @param method   the benchmark method
 * @param params   every {@code @Param} value (including {@code impl} and {@code threads} when present)
 * @param medianMs median time per op in ms
 * @param errorMs  JMH's score error converted to ms (NaN when JMH gave none)
 * @param samples  number of measurement samples behind the score
 */
public record BenchResult(String suite, String method, Map<String, String> params, double medianMs,
                          double errorMs, int samples) {
    public BenchResult {
        params = new TreeMap<>(params);
    }

    /** The {@code impl} parameter, or {@code vector} when the benchmark has none. */
    public String impl() { return params.getOrDefault("impl", "vector"); }

    /**
     * The {@code threads} parameter; without one, 2 for a method named {@code ...TwoThreads} (PeakBench's
     * two-core figure), else 1.
     */
    public int threads() {
        String t = params.get("threads");
        if (t != null) return Integer.parseInt(t);
        return method.endsWith("TwoThreads") ? 2 : 1;
    }

    /** The case: every parameter except impl and threads, as {@code k=v,k=v} (stable order). */
    public String caseKey() {
        StringBuilder sb = new StringBuilder(method);
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey().equals("impl") || e.getKey().equals("threads")) continue;
            sb.append(sb.isEmpty() ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** {@code suite.method} plus every parameter: identifies a result across runs. */
    public String id() {
        StringBuilder sb = new StringBuilder(suite).append('.').append(method);
        params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }
}
