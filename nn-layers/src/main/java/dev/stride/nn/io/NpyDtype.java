package dev.stride.nn.io;

import java.nio.ByteOrder;

/**
 * The NumPy dtypes Stride reads ({@code descr} strings such as {@code <f4}) and writes: float32 and
 * float64 (read as float32) for tensors, int32 and int64 for class targets and max-pool indices, each
 * little or big endian.
 */
public enum NpyDtype {
    FLOAT32_LE("<f4", 4, true, ByteOrder.LITTLE_ENDIAN),
    FLOAT32_BE(">f4", 4, true, ByteOrder.BIG_ENDIAN),
    FLOAT64_LE("<f8", 8, true, ByteOrder.LITTLE_ENDIAN),
    FLOAT64_BE(">f8", 8, true, ByteOrder.BIG_ENDIAN),
    INT32_LE("<i4", 4, false, ByteOrder.LITTLE_ENDIAN),
    INT32_BE(">i4", 4, false, ByteOrder.BIG_ENDIAN),
    INT64_LE("<i8", 8, false, ByteOrder.LITTLE_ENDIAN),
    INT64_BE(">i8", 8, false, ByteOrder.BIG_ENDIAN);

    private final String descr;
    private final int itemSize;
    private final boolean floating;
    private final ByteOrder order;

    NpyDtype(String descr, int itemSize, boolean floating, ByteOrder order) {
        this.descr = descr;
        this.itemSize = itemSize;
        this.floating = floating;
        this.order = order;
    }

    /** NumPy's {@code descr}, e.g. {@code <f4}. */
    public String descr() { return descr; }

    /** Bytes per element. */
    public int itemSize() { return itemSize; }

    /** True for float32/float64. */
    public boolean isFloating() { return floating; }

    public ByteOrder order() { return order; }

    /**
     * The dtype of a {@code descr}; {@code =} (native) and {@code |} are read as little endian, which is
     * what NumPy means by them on every platform Stride runs on. Returns null when unsupported.
     */
    static NpyDtype fromDescr(String d) {
        if (d.length() == 3 && (d.charAt(0) == '=' || d.charAt(0) == '|')) d = "<" + d.substring(1);
        for (NpyDtype t : values()) if (t.descr.equals(d)) return t;
        return null;
    }
}
