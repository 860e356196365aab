package dev.stride.core;

/** Argument checks that throw {@link IllegalArgumentException} naming the parameter, value and rule. */
public final class Check {
    private Check() {}

    public static int positive(String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(name + " " + value + " must be positive");
        return value;
    }

    public static int nonNegative(String name, int value) {
        if (value < 0) throw new IllegalArgumentException(name + " " + value + " must not be negative");
        return value;
    }

    public static <T> T notNull(String name, T value) {
        if (value == null) throw new IllegalArgumentException(name + " must not be null");
        return value;
    }

    public static void that(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
