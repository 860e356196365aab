package dev.stride.nn.optim;

import dev.stride.nn.Parameter;
import java.util.List;

/** Hyper-parameter checks shared by the optimizers; each names the value and the rule, like PyTorch's. */
final class OptimizerChecks {
    private OptimizerChecks() {}

    static List<Parameter> parameters(List<Parameter> ps) {
        if (ps == null) throw new IllegalArgumentException("parameters must not be null");
        if (ps.isEmpty()) throw new IllegalArgumentException("optimizer got an empty parameter list");
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i) == null) throw new IllegalArgumentException("parameter " + i + " is null");
        }
        return List.copyOf(ps);
    }

    static double nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("Invalid " + name + " value: " + v + " (must be finite and >= 0)");
        return v;
    }

    static double unitInterval(String name, double v) {
        if (!(v >= 0 && v < 1)) throw new IllegalArgumentException("Invalid " + name + " parameter: " + v + " (must be in [0, 1))");
        return v;
    }
}
