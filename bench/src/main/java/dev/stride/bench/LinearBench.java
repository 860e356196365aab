package dev.stride.bench;

import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fully-connected layer, time per op in milliseconds. Shapes ({@code rows x in -> out}, FLOPs =
 * 2*rows*in*out): {@code F1} LeNet's 64 x 400 -> 120 (6.1 MFLOP), {@code F2} 64 x 1024 -> 1024
 * (134 MFLOP, GEMM-bound), {@code F3} 1 x 4096 -> 1000 (8.2 MFLOP, weight-bandwidth bound).
 * {@code backward} computes input, weight and bias gradients (twice the forward's FLOPs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LinearBench {
    @Param({"F1", "F2", "F3"})
    public String shape;

    @Param({"vector", "reference"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private Ops ops;
    private Tensor x, w, b, g;

    @Setup
    public void setup() {
        int[] s = switch (shape) {
            case "F1" -> new int[] {64, 400, 120};
            case "F2" -> new int[] {64, 1024, 1024};
            case "F3" -> new int[] {1, 4096, 1000};
            default -> throw new IllegalArgumentException("shape '" + shape + "' is not one of F1, F2, F3");
        };
        ops = impl.equals("reference") ? Stride.reference() : Stride.vector(threads);
        x = Tensor.uniform(1, -1, 1, s[0], s[1]);
        w = Tensor.uniform(2, -0.1f, 0.1f, s[2], s[1]);
        b = Tensor.uniform(3, -0.1f, 0.1f, s[2]);
        g = Tensor.uniform(4, -1, 1, s[0], s[2]);
    }

    @Benchmark
    public Tensor forward() { return ops.linear(x, w, b); }

    @Benchmark
    public Object backward() { return ops.linearBackward(x, w, g, true); }
}
