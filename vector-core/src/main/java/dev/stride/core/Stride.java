package dev.stride.core;

import dev.stride.core.internal.Parallel;
import dev.stride.core.internal.VectorOps;
import dev.stride.core.reference.ReferenceOps;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entry point: the two implementations of {@link Ops}.
 *
 * <p>System properties: {@code stride.threads} (default: available processors) sizes the library's
 * thread pool; {@code stride.vector.bits} (0 = scalar, 128, 256, 512; default: the machine's preferred
 * width) forces the vector width. Without {@code --add-modules jdk.incubator.vector} the vectorized ops
 * run their scalar path and one log line says so.
 */
public final class Stride {
    private static final Ops REFERENCE = new ReferenceOps();
    private static final ConcurrentHashMap<Integer, Ops> VECTOR = new ConcurrentHashMap<>();

    private Stride() {}

    /** The naive reference (plain loops, double accumulation). */
    public static Ops reference() { return REFERENCE; }

    /** The vectorized kernels on the library's default thread count. */
    public static Ops vector() { return vector(Parallel.defaultThreads()); }

    /**
     * The vectorized kernels splitting work over {@code threads} tasks; results are identical for any count.
     * One instance per thread count, shared (it is thread-safe), so the plans it caches per shape are made
     * once however often this is called.
     */
    public static Ops vector(int threads) {
        return VECTOR.computeIfAbsent(Check.positive("threads", threads), VectorOps::new);
    }

    /** {@code reference} or {@code vector}, by name. */
    public static Ops engine(String name) {
        return switch (name) {
            case "reference" -> reference();
            case "vector" -> vector();
            default -> throw new IllegalArgumentException("engine '" + name + "' is not one of vector, reference");
        };
    }
}
