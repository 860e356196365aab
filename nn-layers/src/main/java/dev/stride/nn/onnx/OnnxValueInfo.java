package dev.stride.nn.onnx;

import dev.stride.core.Check;

/**
 * A graph input or output ({@code ValueInfoProto}): name, element type and shape. A dimension of -1 is
 * written as a symbolic dimension named {@code dimParam} followed by its index (e.g. a batch size fixed
 * only at run time, or a size ONNX's shape inference computes differently from PyTorch).
 */
public record OnnxValueInfo(String name, OnnxDataType type, long[] dims, String dimParam) {
    public OnnxValueInfo {
        Check.notNull("name", name);
        Check.notNull("type", type);
        Check.notNull("dims", dims);
        dims = dims.clone();
        if (dimParam == null) dimParam = name + "_dim";
    }

    /** A float tensor of a fixed shape. */
    public static OnnxValueInfo floats(String name, int... shape) {
        long[] d = new long[shape.length];
        for (int i = 0; i < d.length; i++) d[i] = shape[i];
        return new OnnxValueInfo(name, OnnxDataType.FLOAT, d, null);
    }

    /** The same value with dimensions {@code from..rank-1} made symbolic. */
    public OnnxValueInfo symbolicFrom(int from) {
        long[] d = dims.clone();
        for (int i = from; i < d.length; i++) d[i] = -1;
        return new OnnxValueInfo(name, type, d, dimParam);
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
        for (int i = 0; i < dims.length; i++) {
            ProtoWriter dim = new ProtoWriter();
            if (dims[i] < 0) dim.string(2, dimParam + i);
            else dim.varint(1, dims[i]);
            shape.message(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, type.code()).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
