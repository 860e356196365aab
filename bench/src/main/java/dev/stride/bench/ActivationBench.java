package dev.stride.bench;

import dev.stride.core.Activation;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.bench.peer.OnnxRuntimePeer;
import dev.stride.nn.onnx.OnnxSingleOp;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Element-wise activations, forward, on a 1x64x112x112 tensor (the P1/P2 input, 802,816 floats):
 * bytes moved = 2 x 4 x 802,816 = 6,422,528 (input read, output written), so GB/s compares directly
 * with {@link CopyBench} on shape P1 ({@code arraycopy}, which also writes into a preallocated array).
 *
 * <p>{@link #forward} times the {@code out=} variant, {@code ops.activation(x, a, y)}, into an output
 * allocated once at setup: the kernel alone, as a network that reuses its buffers runs it.
 * {@link #forwardAllocating} times {@code ops.activation(x, a)}, which also allocates and zeroes a new
 * 3.2 MB output per call (a G1 humongous allocation); compare it with {@link CopyBench#cloned}. ONNX
 * Runtime, which takes its output from its own arena, runs the same session in both. Run with
 * {@code -jvmArgsAppend -Dstride.math.lanewise=true} to time the Vector API's lanewise EXP/TANH in place
 * of the polynomials.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ActivationBench {
    /** Bytes each call moves: one input and one output of 1x64x112x112 floats. */
    public static final long BYTES = 2L * 4 * 64 * 112 * 112;

    @Param({"relu", "sigmoid", "tanh", "gelu", "gelu_tanh", "silu", "elu", "softplus"})
    public String kind;

    @Param({"vector", "reference"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private Ops ops;
    private Activation a;
    private Tensor x;
    private Tensor y;
    private OnnxRuntimePeer peer;

    @Setup
    public void setup() throws Exception {
        a = Activation.parse(kind);
        x = Tensor.uniform(42, -6f, 6f, 1, 64, 112, 112);
        y = Tensor.zeros(x.shape());
        if (OnnxRuntimePeer.isPeer(impl)) peer = OnnxRuntimePeer.create(impl, OnnxSingleOp.activation(x.shape(), a), x, threads);
        else ops = impl.equals("vector") ? Stride.vector(threads) : Stride.engine(impl);
    }

    @TearDown
    public void tearDown() throws Exception {
        if (peer != null) peer.close();
    }

    /** Into the preallocated output ({@code out=}); nothing is allocated per call. */
    @Benchmark
    public Object forward() throws Exception {
        return peer != null ? peer.run() : ops.activation(x, a, y);
    }

    /** A new output tensor per call. */
    @Benchmark
    public Object forwardAllocating() throws Exception {
        return peer != null ? peer.run() : ops.activation(x, a);
    }
}
