package dev.stride.bench.report;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Work per operation for each benchmark suite, looked up from the result (method and parameters). Suites
 * register a function from a result to a {@link Work}; a suite without one is reported by time only.
 */
public final class Workloads {
    private final Map<String, Function<BenchResult, Work>> bySuite = new HashMap<>();

    public Workloads register(String suite, Function<BenchResult, Work> f) {
        bySuite.put(suite, f);
        return this;
    }

    public Optional<Work> of(BenchResult r) {
        Function<BenchResult, Work> f = bySuite.get(r.suite());
        if (f == null) return Optional.empty();
        try {
            return Optional.ofNullable(f.apply(r));
        } catch (RuntimeException e) {
            return Optional.empty(); // an unknown shape name: time only
        }
    }
}
