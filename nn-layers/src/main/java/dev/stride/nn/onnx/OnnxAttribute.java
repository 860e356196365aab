package dev.stride.nn.onnx;

import dev.stride.core.Check;

/**
 * A node attribute ({@code AttributeProto}): an int, a float, a string or a list of ints.
 * Build with {@link #of(String, long)}, {@link #of(String, float)}, {@link #of(String, String)} or
 * {@link #ints(String, long...)}.
 */
public record OnnxAttribute(String name, Kind kind, long intValue, float floatValue, String stringValue, long[] ints) {
    /** Attribute kinds, with their {@code AttributeProto.AttributeType} codes. */
    public enum Kind {
        FLOAT(1), INT(2), STRING(3), INTS(7);
        final int code;
        Kind(int code) { this.code = code; }
    }

    public OnnxAttribute {
        Check.notNull("name", name);
        Check.notNull("kind", kind);
        ints = ints == null ? null : ints.clone();
    }

    public static OnnxAttribute of(String name, long value) { return new OnnxAttribute(name, Kind.INT, value, 0f, null, null); }

    public static OnnxAttribute of(String name, float value) { return new OnnxAttribute(name, Kind.FLOAT, 0, value, null, null); }

    public static OnnxAttribute of(String name, String value) {
        return new OnnxAttribute(name, Kind.STRING, 0, 0f, Check.notNull(name, value), null);
    }

    public static OnnxAttribute ints(String name, long... values) { return new OnnxAttribute(name, Kind.INTS, 0, 0f, null, values); }

    @Override public long[] ints() { return ints == null ? null : ints.clone(); }

    ProtoWriter encode() {
        // AttributeProto: name=1, f=2, i=3, s=4, ints=8, type=20
        ProtoWriter w = new ProtoWriter().string(1, name);
        switch (kind) {
            case FLOAT -> w.float32(2, floatValue);
            case INT -> w.varint(3, intValue);
            case STRING -> w.string(4, stringValue);
            case INTS -> { for (long v : ints) w.varint(8, v); }
        }
        return w.varint(20, kind.code);
    }
}
