package dev.stride.bench;

import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.bench.peer.OnnxRuntimePeer;
import dev.stride.nn.onnx.OnnxSingleOp;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Pooling on the corpus shapes ({@link PoolShapes}: P1 max 3x3/2, P2 avg 2x2/2, G1 global avg), vector
 * against reference, on 1 or 2 threads (the reference is single-threaded whatever {@code threads} says).
 * GB/s = {@link PoolShapes#bytesMoved()} / time. P1 and P2 run the out= variant
 * ({@link Ops#maxPool2d(Tensor, dev.stride.core.MaxPool2dParams, Tensor)},
 * {@link Ops#avgPool2d(Tensor, dev.stride.core.AvgPool2dParams, Tensor)}) into one output tensor
 * allocated in setup, so the time is the pooling itself, not allocating and zeroing a new 800 KB output
 * per call; G1 (no out= variant, a 2 KB output) allocates. ONNX Runtime peers run their own session.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PoolBench {
    @Param({"P1", "P2", "G1"})
    public String shape;

    @Param({"vector", "reference"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private PoolShapes s;
    private Ops ops;
    private Tensor x;
    private Tensor out;
    private OnnxRuntimePeer peer;

    @Setup
    public void setup() throws Exception {
        s = PoolShapes.valueOf(shape);
        x = Tensor.uniform(42, -1f, 1f, s.inputShape());
        out = Tensor.zeros(s.outputShape());
        if (OnnxRuntimePeer.isPeer(impl)) peer = OnnxRuntimePeer.create(impl, s.onnxModel(), x, threads);
        else ops = impl.equals("vector") ? Stride.vector(threads) : Stride.engine(impl);
    }

    @TearDown
    public void tearDown() throws Exception {
        if (peer != null) peer.close();
    }

    @Benchmark
    public Object pool() throws Exception {
        return peer != null ? peer.run() : s.run(ops, x, out);
    }
}
