package dev.stride.bench.report;

/**
 * The work one benchmark operation does, so a time becomes a rate. {@code flops} for compute-bound ops
 * (GFLOP/s, compared with the FP32 peak), {@code bytes} of input+output traffic for memory-bound ops
 * (GB/s, compared with the copy bandwidth), {@code items} for per-item rates such as images/s.
 * A field that does not apply is 0; {@code memoryBound} says which fraction the report shows.
 */
public record Work(double flops, double bytes, double items, String itemName, boolean memoryBound) {
    public static Work compute(double flops) { return new Work(flops, 0, 0, null, false); }
    public static Work memory(double bytes) { return new Work(0, bytes, 0, null, true); }
    public static Work items(double items, String name) { return new Work(0, 0, items, name, false); }
}
