package dev.stride.bench;

import dev.stride.nn.onnx.OnnxSingleOp;
import dev.stride.core.AdaptivePool2dParams;
import dev.stride.core.AvgPool2dParams;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Tensor;

/**
 * The pooling shapes of the benchmark corpus (DESIGN.md), with the bytes each one moves so that a
 * report can turn a time into GB/s: input plus output, float32, each read or written once.
 *
 * <ul>
 *   <li>P1: max pool 3x3, stride 2, pad 1 on 1x64x112x112 -> 1x64x56x56:
 *       (802816 + 200704) * 4 = 4,014,080 bytes.</li>
 *   <li>P2: avg pool 2x2, stride 2 on 1x64x112x112 -> 1x64x56x56: the same 4,014,080 bytes.</li>
 *   <li>G1: global average pool (ResNet's last) on 1x512x7x7 -> 1x512x1x1:
 *       (25088 + 512) * 4 = 102,400 bytes.</li>
 * </ul>
 */
public enum PoolShapes {
    P1(new int[] {1, 64, 112, 112}) {
        @Override public Tensor run(Ops ops, Tensor x) { return ops.maxPool2d(x, MaxPool2dParams.of(3, 2, 1)); }
        @Override public Tensor run(Ops ops, Tensor x, Tensor out) { return ops.maxPool2d(x, MaxPool2dParams.of(3, 2, 1), out); }
        @Override public byte[] onnxModel() { return OnnxSingleOp.maxPool2d(inputShape(), MaxPool2dParams.of(3, 2, 1), false); }
        @Override public int[] outputShape() { return new int[] {1, 64, 56, 56}; }
    },
    P2(new int[] {1, 64, 112, 112}) {
        @Override public Tensor run(Ops ops, Tensor x) { return ops.avgPool2d(x, AvgPool2dParams.of(2, 2, 0)); }
        @Override public Tensor run(Ops ops, Tensor x, Tensor out) { return ops.avgPool2d(x, AvgPool2dParams.of(2, 2, 0), out); }
        @Override public byte[] onnxModel() { return OnnxSingleOp.avgPool2d(inputShape(), AvgPool2dParams.of(2, 2, 0)); }
        @Override public int[] outputShape() { return new int[] {1, 64, 56, 56}; }
    },
    G1(new int[] {1, 512, 7, 7}) {
        @Override public Tensor run(Ops ops, Tensor x) { return ops.adaptiveAvgPool2d(x, AdaptivePool2dParams.global()); }
        @Override public byte[] onnxModel() { return OnnxSingleOp.globalAveragePool(inputShape()); }
        @Override public int[] outputShape() { return new int[] {1, 512, 1, 1}; }
    };

    private final int[] inputShape;

    PoolShapes(int[] inputShape) { this.inputShape = inputShape; }

    /** The input shape, NCHW. */
    public int[] inputShape() { return inputShape.clone(); }

    /** The output shape, NCHW. */
    public abstract int[] outputShape();

    /** The same op as a single-node ONNX model (input {@code x}), for the ONNX Runtime peer. */
    public abstract byte[] onnxModel();

    /** Runs this shape's op, allocating its output. */
    public abstract Tensor run(Ops ops, Tensor x);

    /**
     * Runs this shape's op into {@code out} (of {@link #outputShape()}) where the op has an out= variant;
     * the global pool has none and allocates its (2 KB) output.
     */
    public Tensor run(Ops ops, Tensor x, Tensor out) { return run(ops, x); }

    /** Elements of the input. */
    public int inputElements() { return count(inputShape); }

    /** Input plus output bytes, each moved once. */
    public long bytesMoved() { return 4L * (count(inputShape) + count(outputShape())); }

    private static int count(int[] s) {
        int n = 1;
        for (int d : s) n *= d;
        return n;
    }
}
