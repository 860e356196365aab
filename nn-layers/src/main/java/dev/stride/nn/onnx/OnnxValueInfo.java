package dev.stride.nn.onnx;

import dev.stride.core.Check;

/**
 * A graph input or output ({@code ValueInfoProto}): name, element type and shape. A dimension of -1 is
 * written as the symbolic dimension {@code dimParam} (e.g. a batch size fixed only at run time).
 */
public record OnnxValueInfo(String name, OnnxDataType type, long[] dims, String dimParam) {
    public OnnxValueInfo {
        Check.notNull("name", name);
        Check.notNull("type", type);
        Check.notNull("dims", dims);
        dims = dims.clone();
        if (dimParam == null) dimParam = "N";
    }

    /** A float tensor of a fixed shape. */
    public static OnnxValueInfo floats(String name, int... shape) {
        long[] d = new long[shape.length];
        for (int i = 0; i < d.length; i++) d[i] = shape[i];
        return new OnnxValueInfo(name, OnnxDataType.FLOAT, d, null);
    }

    /** An int64 tensor of a fixed shape. */
    public static OnnxValueInfo int64(String name, int... shape) {
        long[] d = new long[shape.length];
        for (int i = 0; i < d.length; i++) d[i] = shape[i];
        return new OnnxValueInfo(name, OnnxDataType.INT64, d, null);
    }

    @Override public long[] dims() { return dims.clone(); }

    ProtoWriter encode() {
        // ValueInfoProto: name=1, type=2 -> TypeProto.tensor_type=1 -> {elem_type=1, shape=2 -> dim=1 -> {dim_value=1 | dim_param=2}}
        ProtoWriter shape = new ProtoWriter();
        for (long d : dims) {
            ProtoWriter dim = new ProtoWriter();
            if (d < 0) dim.string(2, dimParam);
            else dim.varint(1, d);
            shape.message(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, type.code()).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
