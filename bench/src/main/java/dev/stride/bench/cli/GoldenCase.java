package dev.stride.bench.cli;

import dev.stride.core.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of the golden suite: an op, its parameters under PyTorch's names, its input arrays, which
 * results to record, the tolerance an engine must meet and a note saying what the case catches.
 *
 * <p>Keys: inputs are {@code input, weight, bias, target} (int64 indices or float probabilities) and
 * {@code grad_output}; outputs {@code output, indices, grad_input, grad_weight, grad_bias}.
 * {@link GoldenFormat} maps them and the parameters to {@code ./stride eval} options.
 */
record GoldenCase(String id, String op, String note, Map<String, Object> params, Map<String, Object> inputs,
                  List<String> outputs, double atol, double rtol) {

    /** An int64 input (class targets) with its shape. */
    record Longs(long[] values, int[] shape) {}

    /** True when the case runs the backward pass. */
    boolean backward() { return inputs.containsKey("grad_output"); }

    static Builder builder(String op, String name) { return new Builder(op, name); }

    static final class Builder {
        private final String op, name;
        private String note = "";
        private final Map<String, Object> params = new LinkedHashMap<>();
        private final Map<String, Object> inputs = new LinkedHashMap<>();
        private final List<String> outputs = new ArrayList<>();
        private double atol, rtol;

        private Builder(String op, String name) { this.op = op; this.name = name; }

        Builder note(String n) { note = n; return this; }

        /** A parameter: Integer, Boolean, String, Double or an int pair/list ({@code List<Integer>}). */
        Builder param(String key, Object value) {
            params.put(key, value instanceof int[] a ? java.util.Arrays.stream(a).boxed().toList() : value);
            return this;
        }

        Builder input(String key, Tensor t) { inputs.put(key, t); return this; }

        Builder target(long[] values, int... shape) { inputs.put("target", new Longs(values, shape)); return this; }

        Builder outputs(String... keys) { outputs.addAll(List.of(keys)); return this; }

        Builder tolerance(double a, double r) { atol = a; rtol = r; return this; }

        GoldenCase build() {
            if (outputs.isEmpty()) outputs.add(inputs.containsKey("grad_output") ? "grad_input" : "output");
            return new GoldenCase(op + "." + name, op, note, params, inputs, outputs, atol, rtol);
        }
    }
}
