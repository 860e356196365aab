package dev.stride.bench.cli;

import dev.stride.core.Tensor;
import dev.stride.nn.io.Json;
import dev.stride.nn.io.NpyWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./stride golden DIR}: writes the golden suite (format {@value GoldenFormat#FORMAT}) that engines
 * without Java can check themselves against: for each case of {@link GoldenCatalog}, its inputs as
 * {@code .npy} files under {@code DIR/cases/<id>/}, the expected outputs computed by the reference engine
 * through {@code ./stride eval}, and an entry of {@code DIR/manifest.json} (op, parameters in PyTorch
 * names, files, tolerance, what the case catches). The manifest is written last, so a suite with a
 * manifest is complete. DIR must not exist or be empty.
 */
final class GoldenCommand implements Command {
    static final Args.Spec SPEC = Args.spec("golden")
            .positional("dir", "folder to write the suite into (created; must be empty)")
            .summary("Writes the golden suite: inputs, expected outputs from the reference and manifest.json ("
                    + GoldenFormat.FORMAT + ").\nThe format is described in the README (section ./stride golden).");

    @Override public String name() { return "golden"; }

    @Override public String summary() { return "write the golden suite of edge cases (.npy files and manifest.json)"; }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Args args = SPEC.parse(argv);
        if (args.helpRequested()) {
            out.print(SPEC.help());
            return 0;
        }
        if (args.positionals().size() != 1) {
            throw new IllegalArgumentException("give exactly one folder, got " + args.positionals());
        }
        Path dir = Path.of(args.positional(0));
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + " exists and is not a folder");
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) throw new IllegalArgumentException(dir + " is not empty; give a new or empty folder");
            }
        }
        Files.createDirectories(dir);
        List<GoldenCase> cases = GoldenCatalog.cases();
        List<Object> entries = new java.util.ArrayList<>();
        for (GoldenCase c : cases) entries.add(write(dir, c));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", GoldenFormat.FORMAT);
        manifest.put("generator", "./stride golden: expected outputs from the Stride reference engine (double accumulation)");
        manifest.put("seed", GoldenCatalog.SEED);
        manifest.put("comparison", "an engine passes a case when every output element satisfies |actual - expected| <= atol + "
                + "rtol * |expected|, NaN matching NaN and infinities matching exactly; indices (int64) must be equal");
        manifest.put("cases", entries);
        NpyWriter.writeAtomically(dir.resolve("manifest.json"), Json.writePretty(manifest).getBytes(StandardCharsets.UTF_8));
        out.println("wrote " + cases.size() + " cases to " + dir + " (manifest.json, " + GoldenFormat.FORMAT + ")");
        return 0;
    }

    /** Writes one case's inputs, runs eval with the reference engine for its outputs, returns its manifest entry. */
    static Map<String, Object> write(Path root, GoldenCase c) throws Exception {
        String rel = "cases/" + c.id();
        Path caseDir = root.resolve(rel);
        Files.createDirectories(caseDir);
        Map<String, String> inputs = new LinkedHashMap<>(), outputs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : c.inputs().entrySet()) {
            String file = rel + "/" + e.getKey() + ".npy";
            Path p = root.resolve(file);
            if (e.getValue() instanceof Tensor t) NpyWriter.writeFloat32(p, t);
            else if (e.getValue() instanceof GoldenCase.Longs l) NpyWriter.writeInt64(p, l.values(), l.shape());
            inputs.put(e.getKey(), file);
        }
        for (String o : c.outputs()) outputs.put(o, rel + "/expected_" + o + ".npy");
        Map<String, String> absolute = new LinkedHashMap<>();
        inputs.forEach((k, v) -> absolute.put(k, root.resolve(v).toString()));
        outputs.forEach((k, v) -> absolute.put(k, root.resolve(v).toString()));
        List<String> evalArgs = new java.util.ArrayList<>(List.of("eval"));
        evalArgs.addAll(GoldenFormat.evalArgs(c.op(), c.params(), absolute));
        evalArgs.add("--engine");
        evalArgs.add("reference");
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int code;
        try (PrintStream e = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            code = StrideCli.run(evalArgs.toArray(String[]::new), e, e);
        }
        if (code != 0) {
            // The catalogue is fixed: a case eval rejects is a bug in Stride, not bad input.
            throw new IllegalStateException("golden case " + c.id() + " failed in eval: " + errBytes.toString(StandardCharsets.UTF_8).strip());
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", c.id());
        entry.put("op", c.op());
        entry.put("pass", c.backward() ? "backward" : "forward");
        entry.put("note", c.note());
        entry.put("params", c.params());
        entry.put("inputs", inputs);
        entry.put("outputs", outputs);
        Map<String, Object> tol = new LinkedHashMap<>();
        tol.put("atol", c.atol());
        tol.put("rtol", c.rtol());
        entry.put("tolerance", tol);
        return entry;
    }
}
