package dev.stride.bench.run;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH output reduced to progress lines a person can follow during a long run: which benchmark (with its
 * parameters), how many are done and left, elapsed time, and each result as it arrives. JMH's own
 * verbose output is dropped; its errors are passed through.
 */
final class BenchProgress implements OutputFormat {
    private final PrintStream out;
    private final int total;
    private final long start = System.nanoTime();
    private int done;

    BenchProgress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    private String elapsed() {
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String describe(BenchmarkParams p) {
        String b = p.getBenchmark();
        String name = b.substring(b.lastIndexOf('.', b.lastIndexOf('.') - 1) + 1);
        StringBuilder sb = new StringBuilder(name);
        new TreeMap<>(p.getParamsKeys().stream().collect(java.util.stream.Collectors.toMap(k -> k, p::getParam)))
                .forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    @Override public void startBenchmark(BenchmarkParams p) {
        out.printf("[%d/%s] %s  (elapsed %s)%n", done + 1, total > 0 ? String.valueOf(total) : "?", describe(p), elapsed());
        out.flush();
    }

    @Override public void endBenchmark(BenchmarkResult r) {
        done++;
        if (r != null && r.getPrimaryResult() != null) {
            out.printf(Locale.ROOT, "        %.4g %s%n", r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreUnit());
        }
    }

    @Override public void iteration(BenchmarkParams b, IterationParams i, int n) { }
    @Override public void iterationResult(BenchmarkParams b, IterationParams i, int n, IterationResult r) { }
    @Override public void startRun() { }
    @Override public void endRun(Collection<RunResult> results) { }

    /** Called once after the last step. */
    void finished() { out.println("stride bench: " + done + " benchmarks done in " + elapsed()); }
    @Override public void print(String s) { }
    @Override public void println(String s) {
        // JMH reports failures through println; keep those, drop the chatter.
        if (s != null && (s.contains("ERROR") || s.contains("Exception") || s.startsWith("<failure>"))) out.println(s);
    }
    @Override public void flush() { out.flush(); }
    @Override public void close() { out.flush(); }
    @Override public void verbosePrintln(String s) { }
    @Override public void write(int b) { }
    @Override public void write(byte[] b) { }
}
