package dev.stride.nn.onnx;

/** The ONNX {@code TensorProto.DataType} codes the writer uses. */
public enum OnnxDataType {
    FLOAT(1), INT32(6), INT64(7);

    private final int code;

    OnnxDataType(int code) { this.code = code; }

    /** The code in {@code onnx.proto}. */
    public int code() { return code; }
}
