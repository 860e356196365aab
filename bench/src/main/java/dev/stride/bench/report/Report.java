package dev.stride.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A benchmark report: results grouped by suite, case and thread count, one cell per implementation,
 * with rates and the ratios a reader wants (speed-up over the reference, ratio to ONNX Runtime — the
 * faster of its variants —, fraction of the FP32 peak or of the copy bandwidth measured in the same run).
 */
public final class Report {
    /** Implementation names that count as ONNX Runtime (the report compares with the faster one). */
    public static boolean isOnnxRuntime(String impl) { return impl.startsWith("onnxruntime"); }

    /**
     * One implementation's figures. {@code rate} is GFLOP/s, GB/s or items/s ({@code rateUnit});
     * ratios are NaN when the other side was not measured.
     */
    public record Cell(String impl, double medianMs, double errorMs, double rate, String rateUnit,
                       double speedupVsReference, double vsOnnxRuntime, double fractionOfLimit, String limitName) {}

    /** One case (shape) at one thread count. */
    public record Row(String suite, String caseKey, int threads, List<Cell> cells) {}

    private final Machine machine;
    private final List<Row> rows;
    private final Map<Integer, Double> peakGflops;
    private final Map<Integer, Double> copyGbs;
    private final List<String> notes;

    private Report(Machine machine, List<Row> rows, Map<Integer, Double> peak, Map<Integer, Double> copy, List<String> notes) {
        this.machine = machine;
        this.rows = rows;
        this.peakGflops = peak;
        this.copyGbs = copy;
        this.notes = notes;
    }

    public Machine machine() { return machine; }
    public List<Row> rows() { return rows; }
    public List<String> notes() { return notes; }
    /** FP32 peak measured by PeakBench per thread count (GFLOP/s); empty when not measured. */
    public Map<Integer, Double> peakGflops() { return peakGflops; }
    /** Copy bandwidth measured by CopyBench per thread count (GB/s); empty when not measured. */
    public Map<Integer, Double> copyGbs() { return copyGbs; }

    /** Builds the report from JMH results, the work model and free-text notes (e.g. a peer that failed to load). */
    public static Report build(Machine machine, List<BenchResult> results, Workloads work, List<String> notes) {
        Map<Integer, Double> peak = new LinkedHashMap<>();
        Map<Integer, Double> copy = new LinkedHashMap<>();
        for (BenchResult r : results) {
            Optional<Work> w = work.of(r);
            if (w.isEmpty()) continue;
            if (r.suite().equals("PeakBench") && w.get().flops() > 0) {
                peak.merge(r.threads(), w.get().flops() / (r.medianMs() * 1e6), Math::max);
            } else if (r.suite().equals("CopyBench") && w.get().bytes() > 0) {
                copy.merge(r.threads(), w.get().bytes() / (r.medianMs() * 1e6), Math::max);
            }
        }
        Map<String, List<BenchResult>> groups = new LinkedHashMap<>();
        List<BenchResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing(BenchResult::suite).thenComparing(BenchResult::caseKey)
                .thenComparingInt(BenchResult::threads));
        for (BenchResult r : sorted) {
            groups.computeIfAbsent(r.suite() + "\u0000" + r.caseKey() + "\u0000" + r.threads(), k -> new ArrayList<>()).add(r);
        }
        List<Row> rows = new ArrayList<>();
        for (List<BenchResult> g : groups.values()) {
            BenchResult first = g.get(0);
            double refMs = g.stream().filter(r -> r.impl().equals("reference")).mapToDouble(BenchResult::medianMs).min().orElse(Double.NaN);
            double ortMs = g.stream().filter(r -> isOnnxRuntime(r.impl())).mapToDouble(BenchResult::medianMs).min().orElse(Double.NaN);
            List<Cell> cells = new ArrayList<>();
            for (BenchResult r : g) {
                Optional<Work> w = work.of(r);
                double rate = Double.NaN, frac = Double.NaN;
                String unit = "", limit = "";
                if (w.isPresent()) {
                    Work k = w.get();
                    if (k.memoryBound() && k.bytes() > 0) {
                        rate = k.bytes() / (r.medianMs() * 1e6);
                        unit = "GB/s";
                        Double c = limitAt(copy, r.threads());
                        if (c != null) { frac = rate / c; limit = "copy"; }
                    } else if (k.flops() > 0) {
                        rate = k.flops() / (r.medianMs() * 1e6);
                        unit = "GFLOP/s";
                        Double p = limitAt(peak, r.threads());
                        if (p != null && !r.suite().equals("PeakBench")) { frac = rate / p; limit = "peak"; }
                    } else if (k.items() > 0) {
                        rate = k.items() / (r.medianMs() * 1e-3);
                        unit = k.itemName() + "/s";
                    }
                }
                double speedup = refMs / r.medianMs();
                double vsOrt = isOnnxRuntime(r.impl()) ? Double.NaN : ortMs / r.medianMs();
                cells.add(new Cell(r.impl(), r.medianMs(), r.errorMs(), rate, unit,
                        r.impl().equals("reference") ? Double.NaN : speedup, vsOrt, frac, limit));
            }
            cells.sort(Comparator.comparingInt(c -> implOrder(c.impl())));
            rows.add(new Row(first.suite(), first.caseKey(), first.threads(), cells));
        }
        return new Report(machine, rows, peak, copy, List.copyOf(notes));
    }

    /**
     * The limit at {@code t} threads: the higher of the figure measured at t threads and t times the
     * one-thread figure. A t-thread yardstick that came out below t one-thread ones (a busy core, a short
     * iteration) would otherwise inflate every fraction at t threads; taking the higher limit keeps the
     * fractions conservative.
     */
    private static Double limitAt(Map<Integer, Double> m, int t) {
        Double at = m.get(t), one = m.get(1);
        if (at == null && one == null) return null;
        if (one == null) return at;
        return at == null ? one * t : Math.max(at, one * t);
    }

    static int implOrder(String impl) {
        if (impl.equals("vector")) return 0;
        if (isOnnxRuntime(impl)) return 1;
        if (impl.equals("reference")) return 3;
        return 2;
    }
}
