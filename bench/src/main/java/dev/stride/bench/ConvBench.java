package dev.stride.bench;

import dev.stride.bench.peer.OnnxRuntimePeer;
import dev.stride.core.ConvGradients;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.nn.onnx.OnnxSingleOp;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
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

/**
 * Convolution on the design's shapes ({@link ConvShapes} S1..S6, and S7): time per op in milliseconds.
 * {@code forward} is conv2d; {@code backward} is conv2d's input, weight (and no bias) gradients
 * together (twice the forward's FLOPs). GFLOP/s = {@link ConvShapes#flops} (x2 for backward) / time;
 * compare with {@link PeakBench} from the same run. {@code forward} runs the out= variant
 * ({@link Ops#conv2d(Tensor, Tensor, Tensor, dev.stride.core.Conv2dParams, Tensor)}) into one output
 * tensor allocated in setup, as a network reusing its buffers would, so the time is the convolution and
 * not allocating and zeroing a new output per call (ONNX Runtime's peers take theirs from its arena);
 * {@code forwardAllocating} times the allocating call.
 *
 * <p>Params: {@code shape} S1..S7, {@code impl} vector or reference, and for {@code forward} also
 * {@code onnxruntime} / {@code onnxruntime-extended} (ONNX Runtime at optimisation level ALL / EXTENDED,
 * intra-op threads = {@code threads}; {@code ./stride bench} adds them); the reference is single-threaded,
 * so its two thread counts measure the same thing; {@code threads} 1 or 2, {@code batch} (1; the
 * two-thread scaling target is stated at 8).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvBench {
    @Param({"S1", "S2", "S3", "S4", "S5", "S6", "S7"})
    public String shape;

    @Param({"vector", "reference"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    @Param({"1"})
    public int batch;

    private ConvShapes s;
    private Ops ops;
    private Tensor input, weight, gradOutput, output;
    private OnnxRuntimePeer peer;

    @Setup
    public void setup(BenchmarkParams bench) throws Exception {
        s = ConvShapes.valueOf(shape);
        input = Tensor.uniform(1, -1, 1, s.inputShape(batch));
        weight = Tensor.uniform(2, -0.1f, 0.1f, s.params().weightShape());
        gradOutput = Tensor.uniform(3, -1, 1, s.params().outputShape(input.shape()));
        if (OnnxRuntimePeer.isPeer(impl)) {
            OnnxRuntimePeer.requireInference(bench, "forward");
            peer = OnnxRuntimePeer.create(impl, OnnxSingleOp.conv2d(input.shape(), s.params(), weight, null), input, threads);
        } else {
            ops = impl.equals("reference") ? Stride.reference() : Stride.vector(threads);
            output = Tensor.zeros(s.params().outputShape(input.shape()));
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        if (peer != null) peer.close();
    }

    @Benchmark
    public Object forward() throws Exception {
        return peer != null ? peer.run() : ops.conv2d(input, weight, null, s.params(), output);
    }

    @Benchmark
    public Tensor forwardAllocating() {
        return ops.conv2d(input, weight, null, s.params());
    }

    @Benchmark
    public ConvGradients backward() {
        return ops.conv2dBackward(input, weight, gradOutput, s.params());
    }
}
