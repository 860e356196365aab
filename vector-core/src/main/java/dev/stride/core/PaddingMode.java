package dev.stride.core;

/**
 * How a convolution fills the cells outside its input (PyTorch's {@code padding_mode}).
 * ZEROS reads 0; REFLECT mirrors without repeating the edge; REPLICATE repeats the edge; CIRCULAR wraps.
 */
public enum PaddingMode {
    ZEROS, REFLECT, REPLICATE, CIRCULAR;

    /** Parses PyTorch's names ({@code zeros}, {@code reflect}, {@code replicate}, {@code circular}). */
    public static PaddingMode parse(String s) {
        for (PaddingMode m : values()) if (m.name().equalsIgnoreCase(s)) return m;
        throw new IllegalArgumentException("padding mode '" + s + "' is not one of zeros, reflect, replicate, circular");
    }

    /** The matching mode of the pad op. */
    public PadMode toPadMode() {
        return switch (this) {
            case ZEROS -> PadMode.CONSTANT;
            case REFLECT -> PadMode.REFLECT;
            case REPLICATE -> PadMode.REPLICATE;
            case CIRCULAR -> PadMode.CIRCULAR;
        };
    }
}
