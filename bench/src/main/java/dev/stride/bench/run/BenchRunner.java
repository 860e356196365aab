package dev.stride.bench.run;

import dev.stride.nn.io.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs JMH suites through JMH's Java API in forked JVMs that get the Vector API and native-access flags,
 * and collects every run's JSON into one JMH-format JSON array.
 */
public final class BenchRunner {
    private BenchRunner() {}

    /** JVM flags every benchmark fork gets. */
    public static final String[] FORK_JVM_ARGS = {
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx4g",
    };

    /**
     * One JMH invocation: a suite regex, parameter overrides (a key's values replace the suite's) and,
     * optionally, its own timing (null: the run's).
     */
    public record Step(String include, Map<String, String[]> params, Timing timing) {
        public Step(String include, Map<String, String[]> params) { this(include, params, null); }
    }

    /** Iteration counts and times for every step. */
    public record Timing(int warmupIterations, double warmupSeconds, int iterations, double iterationSeconds, int forks) {
        public static Timing quick() { return new Timing(3, 0.4, 3, 0.4, 1); }
        /** Quick timing for benchmarks that need a longer warm-up (whole training steps). */
        public static Timing quickLong() { return new Timing(4, 1.0, 3, 1.0, 1); }
        public static Timing full() { return new Timing(4, 1.0, 8, 1.0, 1); }
        /**
         * Whole LeNet-5 training steps, at the given measurement count: their kernels reach C2 only after
         * several seconds (at 2 threads on 2 cores the first second ran below 100 images/s and the rate
         * settled from the 7th one-second iteration on), so ten seconds of warm-up.
         */
        public static Timing training(int iterations) { return new Timing(10, 1.0, iterations, 1.0, 1); }
        public static Timing smoke() { return new Timing(0, 0.05, 1, 0.05, 1); }
    }

    /** How many benchmark/parameter combinations the steps select (for progress), or 0 if unknown. */
    public static int count(List<Step> steps) {
        int total = 0;
        try {
            BenchmarkList list = BenchmarkList.defaultList();
            for (Step s : steps) {
                SortedSet<BenchmarkListEntry> found = list.find(new BenchProgress(new PrintStream(PrintStream.nullOutputStream()), 0),
                        List.of(s.include()), List.of());
                for (BenchmarkListEntry e : found) {
                    int n = 1;
                    if (e.getParams().hasValue()) {
                        for (Map.Entry<String, String[]> p : e.getParams().get().entrySet()) {
                            String[] v = s.params().getOrDefault(p.getKey(), p.getValue());
                            n *= Math.max(1, v.length);
                        }
                    }
                    total += n;
                }
            }
        } catch (RuntimeException e) {
            return 0;
        }
        return total;
    }

    /** What a run selected ({@code expected} benchmark/parameter combinations) and its notes. */
    public record Outcome(int expected, List<String> notes) {}

    /**
     * Runs the steps in order and writes the combined JMH JSON to {@code jsonOut}. A step that fails (for
     * example, a peer that cannot load) is reported on {@code progress} and in the returned notes; the run
     * goes on.
     */
    public static Outcome run(List<Step> steps, Timing t, Path jsonOut, PrintStream progress) throws IOException {
        int[] perStep = new int[steps.size()];
        for (int i = 0; i < perStep.length; i++) perStep[i] = count(List.of(steps.get(i)));
        int total = java.util.Arrays.stream(perStep).sum();
        BenchProgress format = new BenchProgress(progress, total);
        List<Object> combined = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Path dir = jsonOut.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        progress.println("stride bench: " + (total > 0 ? total + " benchmarks" : "running"));
        for (int i = 0; i < perStep.length; i++) {
            Step s = steps.get(i);
            if (perStep[i] == 0) {
                String note = "no benchmark in this jar matches " + s.include();
                notes.add(note);
                progress.println("stride bench: " + note);
                continue;
            }
            Path part = Files.createTempFile(dir, "jmh-part-", ".json");
            try {
                Timing st = s.timing() != null ? s.timing() : t;
                ChainedOptionsBuilder b = new OptionsBuilder().include(s.include())
                        .warmupIterations(st.warmupIterations()).warmupTime(seconds(st.warmupSeconds()))
                        .measurementIterations(st.iterations()).measurementTime(seconds(st.iterationSeconds()))
                        .forks(st.forks()).jvmArgsAppend(FORK_JVM_ARGS)
                        .resultFormat(ResultFormatType.JSON).result(part.toString())
                        .shouldFailOnError(false);
                s.params().forEach(b::param);
                new Runner(b.build(), format).run();
                String text = Files.readString(part, StandardCharsets.UTF_8);
                if (!text.isBlank() && Json.parse(text) instanceof List<?> rows) combined.addAll(rows);
            } catch (RunnerException | RuntimeException e) {
                String note = "benchmarks matching " + s.include() + " did not run: " + e;
                notes.add(note);
                progress.println("stride bench: " + note);
            } finally {
                Files.deleteIfExists(part);
            }
        }
        format.finished();
        Files.writeString(jsonOut, Json.writePretty(combined), StandardCharsets.UTF_8);
        return new Outcome(total, notes);
    }

    private static TimeValue seconds(double s) {
        return TimeValue.milliseconds(Math.max(1, Math.round(s * 1000)));
    }

    /** A parameter map from alternating key and comma-separated values. */
    public static Map<String, String[]> params(String... kv) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) m.put(kv[i], kv[i + 1].split(","));
        return m;
    }
}
