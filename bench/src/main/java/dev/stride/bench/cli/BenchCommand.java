package dev.stride.bench.cli;

import dev.stride.bench.report.BenchResult;
import dev.stride.bench.report.Chart;
import dev.stride.bench.report.Compare;
import dev.stride.bench.report.JmhJson;
import dev.stride.bench.report.Machine;
import dev.stride.bench.report.Report;
import dev.stride.bench.report.ReportWriter;
import dev.stride.bench.report.StandardWorkloads;
import dev.stride.bench.run.BenchPlan;
import dev.stride.bench.run.BenchRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * {@code ./stride bench}: runs the JMH suites (Stride's vectorized kernels, its reference and ONNX Runtime
 * side by side) and writes {@code report.md}, {@code report.json}, {@code report.svg} and
 * {@code report.png}; {@code ./stride bench compare OLD.json NEW.json} lists benchmarks that moved beyond
 * their error bars; {@code ./stride bench report RESULTS.json} rebuilds the report from a JMH JSON file.
 */
final class BenchCommand implements Command {
    static final Args.Spec SPEC = Args.spec("bench")
            .summary("run the JMH suites and write report.md, report.json, report.svg and report.png;\n"
                    + "  ./stride bench compare OLD.json NEW.json   benchmarks that moved beyond their error bars\n"
                    + "  ./stride bench report RESULTS.json         rebuild the report from a JMH JSON file")
            .positional("subcommand", "compare | report (optional)")
            .flag("quick", "a few minutes: fewer iterations and the main shapes")
            .flag("smoke", "one short iteration of one small case per suite (proves the suites start)")
            .option("filter", "REGEX", "only suites/benchmarks whose name matches (JMH include regex)")
            .option("threads", "1,2", "thread counts to measure (default: 1 and all cores)")
            .option("out", "DIR", "where the report goes (default out/bench)")
            .option("json", "FILE", "also keep JMH's raw JSON here (it is always in DIR/jmh.json)");

    @Override public String name() { return "bench"; }

    @Override public String summary() { return "measure Stride against its reference and ONNX Runtime; write a report"; }

    @Override public int run(String[] argv, PrintStream out, PrintStream err) throws IOException {
        Args a = SPEC.parse(argv);
        if (a.helpRequested()) {
            out.print(SPEC.help());
            return 0;
        }
        String sub = a.positional(0);
        if ("compare".equals(sub)) return compare(a, out);
        Path dir = Path.of(a.string("out", "out/bench"));
        if ("report".equals(sub)) {
            if (a.positional(1) == null) throw new IllegalArgumentException("bench report needs a JMH JSON file");
            Path json = Path.of(a.positional(1));
            writeReport(JmhJson.read(json), List.of(), dir, out);
            return 0;
        }
        if (sub != null) throw new IllegalArgumentException("bench: unknown subcommand '" + sub + "' (compare, report)");
        if (a.bool("quick") && a.bool("smoke")) throw new IllegalArgumentException("option --smoke and --quick exclude each other");

        int[] threads = a.intList("threads");
        if (threads == null) {
            int cores = Runtime.getRuntime().availableProcessors();
            threads = cores > 1 ? new int[] {1, cores} : new int[] {1};
        }
        for (int t : threads) if (t < 1) throw new IllegalArgumentException("option --threads: " + t + " must be positive");
        BenchPlan.Mode mode = a.bool("smoke") ? BenchPlan.Mode.SMOKE : a.bool("quick") ? BenchPlan.Mode.QUICK : BenchPlan.Mode.FULL;
        List<BenchRunner.Step> steps = BenchPlan.steps(mode, threads, a.string("filter", null));
        // A smoke run only proves the suites start; it need not wait for another JMH run's lock (CI, a
        // developer's concurrent run). Measuring runs keep the lock so two of them never share the cores.
        if (mode == BenchPlan.Mode.SMOKE) System.setProperty("jmh.ignoreLock", "true");
        if (steps.isEmpty()) throw new IllegalArgumentException("option --filter: '" + a.string("filter", "") + "' matches no suite");
        Files.createDirectories(dir);
        Path jmhJson = dir.resolve("jmh.json");
        out.println("stride bench: " + mode.name().toLowerCase() + " run, threads " + Arrays.toString(threads) + ", output in " + dir);
        List<String> notes = new ArrayList<>();
        if (mode == BenchPlan.Mode.SMOKE) {
            notes.add("smoke run: one short iteration without warm-up per benchmark; it shows the suites start, its numbers are not measurements");
        }
        BenchRunner.Outcome outcome = BenchRunner.run(steps, BenchPlan.timing(mode), jmhJson, out);
        notes.addAll(outcome.notes());
        if (a.has("json")) {
            Path keep = Path.of(a.string("json", null));
            if (keep.toAbsolutePath().getParent() != null) Files.createDirectories(keep.toAbsolutePath().getParent());
            Files.copy(jmhJson, keep, StandardCopyOption.REPLACE_EXISTING);
        }
        List<BenchResult> results = JmhJson.read(jmhJson);
        int expected = outcome.expected();
        if (results.size() < expected) {
            notes.add((expected - results.size()) + " of " + expected + " selected benchmarks gave no result (see the errors above)");
        }
        writeReport(results, notes, dir, out);
        if (mode == BenchPlan.Mode.SMOKE && results.size() < expected) {
            err.println("stride bench: smoke run failed: " + (expected - results.size()) + " of " + expected + " benchmarks did not run");
            return 1;
        }
        return 0;
    }

    private static int compare(Args a, PrintStream out) throws IOException {
        if (a.positional(1) == null || a.positional(2) == null) {
            throw new IllegalArgumentException("bench compare needs two JMH JSON files: OLD.json NEW.json");
        }
        List<BenchResult> oldRun = JmhJson.read(Path.of(a.positional(1)));
        List<BenchResult> newRun = JmhJson.read(Path.of(a.positional(2)));
        out.print(Compare.text(oldRun, newRun));
        return 0;
    }

    /** Writes the four report files into {@code dir} and prints the Markdown table. */
    static void writeReport(List<BenchResult> results, List<String> notes, Path dir, PrintStream out) throws IOException {
        Files.createDirectories(dir);
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.addAll(StandardWorkloads.missingPeers(results));
        Report report = Report.build(Machine.current(), results, StandardWorkloads.create(), allNotes);
        String md = ReportWriter.markdown(report);
        write(dir.resolve("report.md"), md);
        write(dir.resolve("report.json"), ReportWriter.json(report));
        write(dir.resolve("report.svg"), Chart.svg(report));
        Path png = dir.resolve("report.png");
        Path tmp = Files.createTempFile(dir, "report", ".png.tmp");
        try {
            ImageIO.write(Chart.png(report), "png", tmp.toFile());
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        out.print(md);
        out.println("stride bench: wrote " + dir.resolve("report.md") + ", report.json, report.svg, report.png");
    }

    private static void write(Path p, String text) throws IOException {
        Path tmp = Files.createTempFile(p.toAbsolutePath().getParent(), p.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
