package dev.stride.bench.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
            BenchRunner.Step s = step(mode, suite, t);
            if (s != null) steps.add(s);
        }
        return steps;
    }

    private static BenchRunner.Step step(Mode mode, String suite, String threads) {
        String all = "\\." + suite + "\\.";
        return switch (mode) {
            case FULL -> new BenchRunner.Step(all, BenchRunner.params("threads", threads));
            case QUICK -> switch (suite) {
                case "ConvBench" -> new BenchRunner.Step(all + "forward", BenchRunner.params("threads", threads, "shape", "S1,S2,S3,S5"));
                case "LinearBench" -> new BenchRunner.Step(all, BenchRunner.params("threads", threads, "shape", "F2"));
                case "PoolBench" -> new BenchRunner.Step(all, BenchRunner.params("threads", threads, "shape", "P1,P2"));
                case "CopyBench" -> new BenchRunner.Step(all + "arraycopy", BenchRunner.params("shape", "P1"));
                default -> new BenchRunner.Step(all, BenchRunner.params("threads", threads));
            };
            case SMOKE -> switch (suite) {
                case "ConvBench" -> new BenchRunner.Step(all + "forward", BenchRunner.params("threads", "1", "shape", "S5"));
                case "LinearBench" -> new BenchRunner.Step(all + "forward", BenchRunner.params("threads", "1", "shape", "F1"));
                case "PoolBench" -> new BenchRunner.Step(all, BenchRunner.params("threads", "1", "shape", "G1"));
                case "CopyBench" -> new BenchRunner.Step(all + "arraycopy", BenchRunner.params("shape", "G1"));
                case "PeakBench" -> new BenchRunner.Step(all + "fma$", Map.of());
                default -> new BenchRunner.Step(all, BenchRunner.params("threads", "1", "impl", "vector"));
            };
        };
    }
}
