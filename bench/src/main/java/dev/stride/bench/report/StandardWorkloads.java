package dev.stride.bench.report;

import dev.stride.bench.ActivationBench;
import dev.stride.bench.ConvShapes;
import dev.stride.bench.LinearShapes;
import dev.stride.bench.PoolShapes;
import dev.stride.bench.SoftmaxBench;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The work model of Stride's own suites: FLOPs of {@code ConvBench}/{@code LinearBench}/{@code PeakBench},
 * bytes of {@code PoolBench}/{@code CopyBench}/{@code ActivationBench}/{@code SoftmaxBench}, images of
 * {@code TrainBench}. Each figure comes from the same shape definitions the benchmarks run.
 */
public final class StandardWorkloads {
    private StandardWorkloads() {}

    public static Workloads create() {
        return new Workloads()
                .register("ConvBench", r -> {
                    // backward = input and weight gradients: twice the forward's multiply-adds
                    double f = ConvShapes.valueOf(r.params().get("shape")).flops(batch(r));
                    return Work.compute(r.method().startsWith("backward") ? 2 * f : f);
                })
                .register("LinearBench", r -> {
                    double f = LinearShapes.valueOf(r.params().get("shape")).flops();
                    return Work.compute(r.method().startsWith("backward") ? 2 * f : f);
                })
                .register("PeakBench", r -> Work.compute(1)) // one JMH operation is one FLOP
                .register("PoolBench", r -> Work.memory(PoolShapes.valueOf(r.params().get("shape")).bytesMoved()))
                .register("CopyBench", r -> Work.memory(2.0 * 4 * PoolShapes.valueOf(r.params().get("shape")).inputElements()))
                .register("ActivationBench", r -> Work.memory(ActivationBench.BYTES))
                .register("SoftmaxBench", r -> Work.memory(2.0 * 4 * (r.method().startsWith("crossEntropy")
                        ? SoftmaxBench.CROSS_ENTROPY_ELEMENTS : SoftmaxBench.elements(r.params().get("shape")))))
                .register("TrainBench", r -> Work.items(1, "images")); // one JMH operation is one image
    }

    private static int batch(BenchResult r) {
        return Integer.parseInt(r.params().getOrDefault("batch", "1"));
    }

    /**
     * Report notes for suites that were meant to have an ONNX Runtime row but have none (the peer did not
     * load, or its benchmark failed): the report says so instead of silently leaving the column empty.
     */
    public static List<String> missingPeers(List<BenchResult> results) {
        Set<String> withPeer = new LinkedHashSet<>(), suites = new LinkedHashSet<>();
        for (BenchResult r : results) {
            suites.add(r.suite());
            if (Report.isOnnxRuntime(r.impl())) withPeer.add(r.suite());
        }
        List<String> notes = new ArrayList<>();
        for (String s : suites) {
            if (PEER_SUITES.contains(s) && !withPeer.contains(s)) {
                notes.add(s + ": no ONNX Runtime result in this run (the peer was not selected, did not load, or failed)");
            }
        }
        return notes;
    }

    private static final Set<String> PEER_SUITES = Set.of("ConvBench", "PoolBench", "LinearBench", "SoftmaxBench", "ActivationBench", "TrainBench");
}
