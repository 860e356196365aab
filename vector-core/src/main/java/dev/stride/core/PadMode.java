package dev.stride.core;

/** Modes of the pad op (PyTorch's {@code F.pad} {@code mode}). */
public enum PadMode {
    CONSTANT, REFLECT, REPLICATE, CIRCULAR;

    /** Parses PyTorch's names ({@code constant}, {@code reflect}, {@code replicate}, {@code circular}). */
    public static PadMode parse(String s) {
        for (PadMode m : values()) if (m.name().equalsIgnoreCase(s)) return m;
        throw new IllegalArgumentException("pad mode '" + s + "' is not one of constant, reflect, replicate, circular");
    }
}
