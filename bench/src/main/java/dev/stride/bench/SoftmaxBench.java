package dev.stride.bench;

import dev.stride.core.CrossEntropyParams;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.bench.peer.OnnxRuntimePeer;
import dev.stride.nn.onnx.OnnxSingleOp;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * softmax along a contiguous row (logits 256x1000, dim 1), softmax across interleaved rows (channels of
 * 1x64x56x56, dim 1: each row's elements 3136 apart) and fused cross-entropy forward and backward on
 * 256x1000 logits. Bytes moved per softmax call: 2 x 4 x elements (256,000 or 200,704 floats).
 *
 * <p>{@link #softmax} and {@link #logSoftmax} time the {@code out=} variants into an output allocated
 * once at setup (no allocation per call); {@link #softmaxAllocating} times {@code ops.softmax(x, 1)},
 * which allocates and zeroes a new output per call. ONNX Runtime runs {@code softmax} only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SoftmaxBench {
    @Param({"rows256x1000", "channels64x56x56"})
    public String shape;

    @Param({"vector", "reference"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private Ops ops;
    private Tensor x;
    private Tensor y;
    private Tensor logits;
    private int[] targets;
    private OnnxRuntimePeer peer;

    /** Elements of the cross-entropy logits (256 x 1000, whatever {@code shape} says). */
    public static final int CROSS_ENTROPY_ELEMENTS = 256 * 1000;

    /** Elements of the softmax input of a shape (the bytes moved are 2 x 4 x this). */
    public static int elements(String shape) {
        return switch (shape) {
            case "rows256x1000" -> 256 * 1000;
            case "channels64x56x56" -> 64 * 56 * 56;
            default -> throw new IllegalArgumentException("shape '" + shape + "' is not rows256x1000 or channels64x56x56");
        };
    }

    @Setup
    public void setup(BenchmarkParams bench) throws Exception {
        x = shape.equals("rows256x1000") ? Tensor.uniform(1, -5f, 5f, 256, 1000) : Tensor.uniform(1, -5f, 5f, 1, 64, 56, 56);
        y = Tensor.zeros(x.shape());
        if (OnnxRuntimePeer.isPeer(impl)) {
            OnnxRuntimePeer.requireInference(bench, "softmax");
            peer = OnnxRuntimePeer.create(impl, OnnxSingleOp.softmax(x.shape(), 1), x, threads);
        } else {
            ops = impl.equals("vector") ? Stride.vector(threads) : Stride.engine(impl);
        }
        logits = Tensor.uniform(2, -5f, 5f, 256, CROSS_ENTROPY_ELEMENTS / 256);
        targets = new int[256];
        for (int i = 0; i < targets.length; i++) targets[i] = (i * 37) % 1000;
    }

    @TearDown
    public void tearDown() throws Exception {
        if (peer != null) peer.close();
    }

    /** Into the preallocated output ({@code out=}). */
    @Benchmark
    public Object softmax() throws Exception {
        return peer != null ? peer.run() : ops.softmax(x, 1, y);
    }

    /** log_softmax into the preallocated output ({@code out=}). */
    @Benchmark
    public Tensor logSoftmax() {
        return ops.logSoftmax(x, 1, y);
    }

    /** A new output tensor per call. */
    @Benchmark
    public Tensor softmaxAllocating() {
        return ops.softmax(x, 1);
    }

    @Benchmark
    public Tensor crossEntropyForwardBackward() {
        ops.crossEntropy(logits, targets, CrossEntropyParams.defaults());
        return ops.crossEntropyBackward(logits, targets, Tensor.scalar(1f), CrossEntropyParams.defaults());
    }
}
