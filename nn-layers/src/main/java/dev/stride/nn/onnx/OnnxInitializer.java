package dev.stride.nn.onnx;

import dev.stride.core.Check;
import dev.stride.core.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A constant tensor of a graph ({@code TensorProto}: weights, biases, pad amounts), stored as
 * little-endian {@code raw_data} as the ONNX spec requires.
 */
public final class OnnxInitializer {
    private final String name;
    private final OnnxDataType type;
    private final long[] dims;
    private final byte[] raw;

    private OnnxInitializer(String name, OnnxDataType type, long[] dims, byte[] raw) {
        this.name = Check.notNull("name", name);
        this.type = type;
        this.dims = dims;
        this.raw = raw;
    }

    /** A float tensor with the tensor's shape and a copy of its values. */
    public static OnnxInitializer of(String name, Tensor t) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(t.size(), 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(t.data());
        return new OnnxInitializer(name, OnnxDataType.FLOAT, Arrays.stream(t.shape()).asLongStream().toArray(), b.array());
    }

    /** An int64 tensor of the given dims. */
    public static OnnxInitializer int64(String name, long[] values, long... dims) {
        long n = 1;
        for (long d : dims) n *= d;
        Check.that(n == values.length, "initializer " + name + ": " + values.length + " values do not fill dims "
                + Arrays.toString(dims));
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new OnnxInitializer(name, OnnxDataType.INT64, dims.clone(), b.array());
    }

    public String name() { return name; }

    public OnnxDataType type() { return type; }

    public long[] dims() { return dims.clone(); }

    ProtoWriter encode() {
        // TensorProto: dims=1, data_type=2, name=8, raw_data=9
        ProtoWriter w = new ProtoWriter();
        for (long d : dims) w.varint(1, d);
        return w.varint(2, type.code()).string(8, name).bytes(9, raw);
    }
}
