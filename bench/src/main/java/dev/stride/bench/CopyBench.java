package dev.stride.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * The memory-copy yardstick for the bandwidth-bound ops, on the same sizes as {@link PoolBench} and
 * {@link ActivationBench}: {@code arraycopy} copies the input into a preallocated array;
 * {@code cloned} allocates and copies (as an op that returns a new tensor must). Bytes moved = 2 x
 * 4 x elements.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CopyBench {
    /** P1/P2 input (1x64x112x112), G1 input (1x512x7x7), the activation input (1x64x112x112 too). */
    @Param({"P1", "G1"})
    public String shape;

    private float[] src;
    private float[] dst;

    @Setup
    public void setup() {
        src = new float[PoolShapes.valueOf(shape).inputElements()];
        for (int i = 0; i < src.length; i++) src[i] = i * 0.5f;
        dst = new float[src.length];
    }

    @Benchmark
    public float[] arraycopy() {
        System.arraycopy(src, 0, dst, 0, src.length);
        return dst;
    }

    @Benchmark
    public float[] cloned() {
        return src.clone();
    }
}
