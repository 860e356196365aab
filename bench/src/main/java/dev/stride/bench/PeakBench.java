package dev.stride.bench;

import dev.stride.core.internal.Parallel;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's FP32 FMA throughput through the Vector API: 24 independent accumulators (enough to
 * hide FMA latency on two FMA pipes) at the preferred width, no memory traffic. The score is
 * operations per nanosecond with one operation per FLOP, i.e. GFLOP/s directly: {@code fma} is one
 * core, {@code fmaTwoThreads} two pool threads at once. FLOPs are counted for 512-bit vectors (a
 * warning is printed on another width).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PeakBench {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int ITERATIONS = 4096;
    private static final int ACCUMULATORS = 24;
    /** FLOPs of one {@link #loop} at 512 bits; {@link #fma} scales the score for other widths below. */
    private static final int FLOPS_512 = ITERATIONS * ACCUMULATORS * 16 * 2;

    private float[] sink;

    @Setup
    public void setup() {
        sink = new float[32];
        if (S.length() != 16) {
            System.err.println("PeakBench: preferred width is " + S.vectorBitSize() + " bits; the score counts "
                    + "512-bit FLOPs, multiply it by " + S.length() + "/16");
        }
    }

    /** One core's GFLOP/s. */
    @Benchmark
    @OperationsPerInvocation(FLOPS_512)
    public float fma() {
        return loop(0.999f);
    }

    /** Two cores' GFLOP/s: the same loop on two pool threads at once. */
    @Benchmark
    @OperationsPerInvocation(2 * FLOPS_512)
    public float fmaTwoThreads() {
        float[] out = sink;
        Parallel.forEach(2, 2, t -> out[t * 16] = loop(0.999f + t * 1e-6f));
        return out[0] + out[16];
    }

    private static float loop(float m) {
        FloatVector a = FloatVector.broadcast(S, m), b = FloatVector.broadcast(S, 0.001f);
        FloatVector c0 = FloatVector.broadcast(S, 0.1f), c1 = c0.add(b), c2 = c1.add(b), c3 = c2.add(b);
        FloatVector c4 = c3.add(b), c5 = c4.add(b), c6 = c5.add(b), c7 = c6.add(b);
        FloatVector c8 = c7.add(b), c9 = c8.add(b), c10 = c9.add(b), c11 = c10.add(b);
        FloatVector c12 = c11.add(b), c13 = c12.add(b), c14 = c13.add(b), c15 = c14.add(b);
        FloatVector c16 = c15.add(b), c17 = c16.add(b), c18 = c17.add(b), c19 = c18.add(b);
        FloatVector c20 = c19.add(b), c21 = c20.add(b), c22 = c21.add(b), c23 = c22.add(b);
        for (int i = 0; i < ITERATIONS; i++) {
            c0 = c0.fma(a, b); c1 = c1.fma(a, b); c2 = c2.fma(a, b); c3 = c3.fma(a, b);
            c4 = c4.fma(a, b); c5 = c5.fma(a, b); c6 = c6.fma(a, b); c7 = c7.fma(a, b);
            c8 = c8.fma(a, b); c9 = c9.fma(a, b); c10 = c10.fma(a, b); c11 = c11.fma(a, b);
            c12 = c12.fma(a, b); c13 = c13.fma(a, b); c14 = c14.fma(a, b); c15 = c15.fma(a, b);
            c16 = c16.fma(a, b); c17 = c17.fma(a, b); c18 = c18.fma(a, b); c19 = c19.fma(a, b);
            c20 = c20.fma(a, b); c21 = c21.fma(a, b); c22 = c22.fma(a, b); c23 = c23.fma(a, b);
        }
        FloatVector s = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .add(c12).add(c13).add(c14).add(c15).add(c16).add(c17).add(c18).add(c19).add(c20).add(c21).add(c22).add(c23);
        return s.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
