package dev.stride.core;

/** Loss reductions, PyTorch's {@code reduction}. */
public enum Reduction {
    NONE, MEAN, SUM;

    public static Reduction parse(String s) {
        for (Reduction r : values()) if (r.name().equalsIgnoreCase(s)) return r;
        throw new IllegalArgumentException("reduction '" + s + "' is not one of none, mean, sum");
    }
}
