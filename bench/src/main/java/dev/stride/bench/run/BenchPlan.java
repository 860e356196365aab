package dev.stride.bench.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Which suites {@code ./stride bench} runs, with which shapes, in each mode. FULL runs every suite on
 * every shape of the design's lists; QUICK the main shapes with short iterations (a few minutes);
 * SMOKE one small case per suite with one short iteration (CI proves the suites still start).
 */
public final class BenchPlan {
    private BenchPlan() {}

    public enum Mode { FULL, QUICK, SMOKE }

    /** Suite order: the yardsticks first (peak and copy bandwidth), so the report can use them. */
    static final List<String> SUITES = List.of("PeakBench", "CopyBench", "ConvBench", "LinearBench", "PoolBench",
            "ActivationBench", "SoftmaxBench", "TrainBench");

    public static BenchRunner.Timing timing(Mode m) {
        return switch (m) {
            case FULL -> BenchRunner.Timing.full();
            case QUICK -> BenchRunner.Timing.quick();
            case SMOKE -> BenchRunner.Timing.smoke();
        };
    }

    /** The steps of a mode at these thread counts, restricted to suites whose name matches {@code filter}. */
    public static List<BenchRunner.Step> steps(Mode mode, int[] threads, String filter) {
        Pattern f;
        try {
            f = filter == null ? null : Pattern.compile(filter);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("option --filter: '" + filter + "' is not a regular expression: " + e.getDescription());
        }
        String t = Arrays.stream(threads).mapToObj(String::valueOf).collect(Collectors.joining(","));
        List<BenchRunner.Step> steps = new ArrayList<>();
        for (String suite : SUITES) {
            if (f != null && !f.matcher(suite).find()) continue;
            steps.addAll(suite(mode, suite, t));
        }
        return steps;
    }

    private static final String IMPLS = "vector,reference";
    private static final String WITH_PEERS = "vector,reference,onnxruntime,onnxruntime-extended";

    /** The steps of one suite: ONNX Runtime rows are added only for the methods it can run (inference). */
    private static List<BenchRunner.Step> suite(Mode mode, String suite, String threads) {
        String all = "\\." + suite + "\\.";
        BenchRunner.Step[] s = switch (mode) {
            case FULL -> switch (suite) {
                case "ConvBench" -> new BenchRunner.Step[] {
                    step(all + "forward$", "threads", threads, "impl", WITH_PEERS),
                    step(all + "forwardAllocating$", "threads", threads, "impl", "vector"),
                    step(all + "backward$", "threads", threads, "impl", IMPLS)};
                case "LinearBench" -> new BenchRunner.Step[] {
                    step(all + "forward$", "threads", threads, "impl", WITH_PEERS),
                    step(all + "backward$", "threads", threads, "impl", IMPLS)};
                case "PoolBench" -> new BenchRunner.Step[] {step(all, "threads", threads, "impl", WITH_PEERS)};
                case "ActivationBench" -> new BenchRunner.Step[] {
                    step(all + "forward$", "threads", threads, "impl", WITH_PEERS),
                    step(all + "forwardAllocating$", "threads", threads, "impl", "vector")};
                case "SoftmaxBench" -> new BenchRunner.Step[] {
                    step(all + "softmax$", "threads", threads, "impl", WITH_PEERS),
                    step(all + "(logSoftmax|softmaxAllocating)$", "threads", threads, "impl", IMPLS),
                    step(all + "crossEntropy", "threads", threads, "impl", IMPLS)};
                case "TrainBench" -> new BenchRunner.Step[] {
                    step(all + "forward$", "threads", threads, "impl", "vector,reference,onnxruntime"),
                    withTiming(step(all + "trainStep$", "threads", threads, "impl", IMPLS), BenchRunner.Timing.training(8))};
                case "PeakBench", "CopyBench" -> new BenchRunner.Step[] {step(all)};
                default -> new BenchRunner.Step[] {step(all, "threads", threads)};
            };
            case QUICK -> switch (suite) {
                case "ConvBench" -> new BenchRunner.Step[] {
                    step(all + "forward$", "threads", threads, "impl", WITH_PEERS, "shape", "S1,S2,S3,S5"),
                    longer(step(all + "backward$", "threads", threads, "impl", "vector", "shape", "S1"))};
                case "LinearBench" -> new BenchRunner.Step[] {
                    step(all + "forward$", "threads", threads, "impl", WITH_PEERS, "shape", "F1,F4")};
                case "PoolBench" -> new BenchRunner.Step[] {step(all, "threads", threads, "impl", WITH_PEERS, "shape", "P1,P2")};
                case "ActivationBench" -> new BenchRunner.Step[] {
                    step(all + "forward$", "threads", threads, "impl", WITH_PEERS, "kind", "relu,sigmoid,gelu")};
                case "SoftmaxBench" -> new BenchRunner.Step[] {
                    step(all + "softmax$", "threads", threads, "impl", WITH_PEERS, "shape", "rows256x1000")};
                case "TrainBench" -> new BenchRunner.Step[] {
                    longer(step(all + "forward$", "threads", threads, "impl", "vector,reference,onnxruntime")),
                    withTiming(step(all + "trainStep$", "threads", threads, "impl", IMPLS), BenchRunner.Timing.training(3))};
                case "CopyBench" -> new BenchRunner.Step[] {step(all + "arraycopy$", "shape", "P1")};
                default -> new BenchRunner.Step[] {step(all)};
            };
            case SMOKE -> switch (suite) {
                case "ConvBench" -> new BenchRunner.Step[] {
                    step(all + "forward$", "threads", "1", "impl", "vector,onnxruntime", "shape", "S5"),
                    step(all + "backward$", "threads", "1", "impl", "vector", "shape", "S5")};
                case "LinearBench" -> new BenchRunner.Step[] {step(all + "forward$", "threads", "1", "impl", "vector,onnxruntime", "shape", "F1")};
                case "PoolBench" -> new BenchRunner.Step[] {step(all, "threads", "1", "impl", "vector,onnxruntime", "shape", "G1")};
                case "ActivationBench" -> new BenchRunner.Step[] {step(all + "forward$", "threads", "1", "impl", "vector,onnxruntime", "kind", "relu")};
                case "SoftmaxBench" -> new BenchRunner.Step[] {
                    step(all + "softmax$", "threads", "1", "impl", "vector,onnxruntime", "shape", "rows256x1000"),
                    step(all + "crossEntropy", "threads", "1", "impl", "vector", "shape", "rows256x1000")};
                case "TrainBench" -> new BenchRunner.Step[] {
                    step(all + "forward$", "threads", "1", "impl", "vector,onnxruntime"),
                    step(all + "trainStep$", "threads", "1", "impl", "vector")};
                case "CopyBench" -> new BenchRunner.Step[] {step(all + "arraycopy$", "shape", "G1")};
                case "PeakBench" -> new BenchRunner.Step[] {step(all + "fma$")};
                default -> new BenchRunner.Step[] {step(all, "threads", "1", "impl", "vector")};
            };
        };
        return List.of(s);
    }

    private static BenchRunner.Step longer(BenchRunner.Step s) {
        return withTiming(s, BenchRunner.Timing.quickLong());
    }

    private static BenchRunner.Step withTiming(BenchRunner.Step s, BenchRunner.Timing t) {
        return new BenchRunner.Step(s.include(), s.params(), t);
    }

    private static BenchRunner.Step step(String include, String... params) {
        return new BenchRunner.Step(include, BenchRunner.params(params));
    }
}
