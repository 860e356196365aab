package dev.stride.bench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The golden suite's format {@value #FORMAT}: how manifest keys map to {@code ./stride eval} options, so
 * that the generator and any consumer (the round-trip test, another engine's harness) read a case the
 * same way. Parameter {@code snake_case} names become {@code --dash-case} options; lists are joined by
 * commas, booleans are {@code true}/{@code false}.
 */
final class GoldenFormat {
    /** The version tag written into every manifest. */
    static final String FORMAT = "stride-golden/1";

    private GoldenFormat() {}

    /** Manifest input/output key to eval option. */
    static final Map<String, String> FILE_OPTIONS = Map.ofEntries(
            Map.entry("input", "--input"), Map.entry("weight", "--weight"), Map.entry("bias", "--bias"),
            Map.entry("target", "--target"), Map.entry("grad_output", "--grad-out"),
            Map.entry("output", "--out"), Map.entry("indices", "--indices-out"), Map.entry("grad_input", "--grad-input-out"),
            Map.entry("grad_weight", "--grad-weight-out"), Map.entry("grad_bias", "--grad-bias-out"));

    /** The value of a parameter as eval reads it. */
    static String optionValue(Object v) {
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) parts.add(optionValue(o));
            return String.join(",", parts);
        }
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) return Long.toString(d.longValue());
        return String.valueOf(v);
    }

    /**
     * The eval arguments of a case: {@code op}, its parameters, then every file under {@code files} (manifest
     * key to path), e.g. {@code max_pool2d --kernel-size 2 --ceil-mode true --input a/input.npy --out b/out.npy}.
     */
    static List<String> evalArgs(String op, Map<String, Object> params, Map<String, String> files) {
        List<String> a = new ArrayList<>(List.of(op));
        for (Map.Entry<String, Object> e : params.entrySet()) {
            a.add("--" + e.getKey().replace('_', '-'));
            a.add(optionValue(e.getValue()));
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            String opt = FILE_OPTIONS.get(f.getKey());
            if (opt == null) throw new IllegalArgumentException("unknown file key '" + f.getKey() + "' in a golden case");
            a.add(opt);
            a.add(f.getValue());
        }
        return a;
    }
}
