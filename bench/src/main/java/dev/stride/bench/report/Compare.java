package dev.stride.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares two JMH runs: a benchmark moved when the difference of medians exceeds the sum of both error
 * half-widths (JMH's 99.9% intervals do not overlap). Benchmarks present in only one run are listed.
 */
public final class Compare {
    private Compare() {}

    /** One benchmark in both runs. {@code change} is new/old - 1 in time (negative = faster). */
    public record Delta(String id, double oldMs, double newMs, double change, boolean moved) {}

    public static List<Delta> deltas(List<BenchResult> oldRun, List<BenchResult> newRun) {
        Map<String, BenchResult> old = new LinkedHashMap<>();
        oldRun.forEach(r -> old.put(r.id(), r));
        List<Delta> out = new ArrayList<>();
        for (BenchResult n : newRun) {
            BenchResult o = old.get(n.id());
            if (o == null) continue;
            double err = nz(o.errorMs()) + nz(n.errorMs());
            boolean moved = Math.abs(n.medianMs() - o.medianMs()) > err;
            out.add(new Delta(n.id(), o.medianMs(), n.medianMs(), n.medianMs() / o.medianMs() - 1, moved));
        }
        return out;
    }

    private static double nz(double e) { return Double.isNaN(e) ? 0 : e; }

    /** The text {@code ./stride bench compare} prints. */
    public static String text(List<BenchResult> oldRun, List<BenchResult> newRun) {
        List<Delta> ds = deltas(oldRun, newRun);
        StringBuilder sb = new StringBuilder();
        int moved = 0;
        for (Delta d : ds) {
            if (!d.moved()) continue;
            moved++;
            sb.append(String.format(Locale.ROOT, "%-8s %+6.1f%%  %s  (%.4g ms -> %.4g ms)%n",
                    d.change() < 0 ? "faster" : "slower", 100 * d.change(), d.id(), d.oldMs(), d.newMs()));
        }
        Map<String, Boolean> inNew = new LinkedHashMap<>();
        newRun.forEach(r -> inNew.put(r.id(), true));
        Map<String, Boolean> inOld = new LinkedHashMap<>();
        oldRun.forEach(r -> inOld.put(r.id(), true));
        for (String id : inOld.keySet()) if (!inNew.containsKey(id)) sb.append("gone     ").append(id).append('\n');
        for (String id : inNew.keySet()) if (!inOld.containsKey(id)) sb.append("new      ").append(id).append('\n');
        sb.append(String.format(Locale.ROOT, "%d of %d benchmarks in both runs moved beyond their error bars%n", moved, ds.size()));
        return sb.toString();
    }
}
