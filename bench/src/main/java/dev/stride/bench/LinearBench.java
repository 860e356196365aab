package dev.stride.bench;

import dev.stride.bench.peer.OnnxRuntimePeer;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.nn.onnx.OnnxSingleOp;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The fully-connected layer, time per op in milliseconds, on {@link LinearShapes} F1..F4.
 * {@code forward} times the out= variant {@code linear(x, w, b, out)} into an output allocated once in
 * setup, so the figure is the kernel's, not the allocation of a fresh output (ONNX Runtime's figure is
 * its own session run). {@code backward} computes input, weight and bias gradients (twice the forward's
 * FLOPs) and allocates them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LinearBench {
    @Param({"F1", "F2", "F3", "F4"})
    public String shape;

    /** vector, reference; for {@code forward} also onnxruntime (Gemm with transB). */
    @Param({"vector", "reference"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private Ops ops;
    private Tensor x, w, b, g, y;
    private OnnxRuntimePeer peer;

    @Setup
    public void setup(BenchmarkParams bench) throws Exception {
        LinearShapes s = LinearShapes.valueOf(shape);
        x = Tensor.uniform(1, -1, 1, s.rows(), s.in());
        w = Tensor.uniform(2, -0.1f, 0.1f, s.out(), s.in());
        b = Tensor.uniform(3, -0.1f, 0.1f, s.out());
        g = Tensor.uniform(4, -1, 1, s.rows(), s.out());
        y = Tensor.zeros(s.rows(), s.out());
        if (OnnxRuntimePeer.isPeer(impl)) {
            OnnxRuntimePeer.requireInference(bench, "forward");
            peer = OnnxRuntimePeer.create(impl, OnnxSingleOp.linear(x.shape(), w, b), x, threads);
        } else {
            ops = impl.equals("reference") ? Stride.reference() : Stride.vector(threads);
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        if (peer != null) peer.close();
    }

    @Benchmark
    public Object forward() throws Exception { return peer != null ? peer.run() : ops.linear(x, w, b, y); }

    @Benchmark
    public Object backward() { return ops.linearBackward(x, w, g, true); }
}
