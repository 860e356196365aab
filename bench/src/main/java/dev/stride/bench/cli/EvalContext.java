package dev.stride.bench.cli;

import dev.stride.core.Ops;
import dev.stride.core.Tensor;
import dev.stride.nn.io.NpyArray;
import dev.stride.nn.io.NpyReader;
import dev.stride.nn.io.NpyWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one {@code ./stride eval} op sees: its parsed options with PyTorch's value forms, the engine, the
 * input {@code .npy} files (read on demand, errors naming the option and file) and the results it
 * produces. Results are held until every one is computed; {@link #commit()} then writes them all
 * (temporary files beside the targets, moved into place only when all were written), so a failure
 * anywhere leaves no output file behind.
 */
final class EvalContext {
    private final String op;
    private final Args args;
    private final Ops ops;
    private final Map<String, byte[]> results = new LinkedHashMap<>();

    EvalContext(String op, Args args, Ops ops) {
        this.op = op;
        this.args = args;
        this.ops = ops;
    }

    String op() { return op; }

    Args args() { return args; }

    Ops ops() { return ops; }

    /** True when {@code --grad-out} asks for the backward pass. */
    boolean backward() { return args.has("grad-out"); }

    // ---- inputs ----

    /** The required float tensor of option {@code name} (e.g. {@code input}). */
    Tensor tensor(String name) throws IOException {
        if (!args.has(name)) throw new IllegalArgumentException("option --" + name + " FILE.npy is required for " + op);
        return read(name).toTensor();
    }

    /** The float tensor of option {@code name}, or null when the option is absent. */
    Tensor optionalTensor(String name) throws IOException { return args.has(name) ? tensor(name) : null; }

    /** The required array of option {@code name}, whatever its dtype. */
    NpyArray array(String name) throws IOException {
        if (!args.has(name)) throw new IllegalArgumentException("option --" + name + " FILE.npy is required for " + op);
        return read(name);
    }

    /** The required integer array of option {@code name}, as ints. */
    NpyArray integers(String name) throws IOException {
        if (!args.has(name)) throw new IllegalArgumentException("option --" + name + " FILE.npy is required for " + op);
        NpyArray a = read(name);
        if (a.floating()) {
            throw new IllegalArgumentException("option --" + name + ": " + a.source() + " holds " + a.dtype().descr()
                    + "; " + op + " takes int64 or int32 class indices");
        }
        return a;
    }

    private NpyArray read(String name) throws IOException {
        Path p = Path.of(args.require(name));
        try {
            return NpyReader.read(p);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("option --" + name + ": " + p + ": no such file");
        } catch (dev.stride.nn.io.NpyFormatException e) {
            throw e;
        } catch (IOException e) {
            // unreadable (permissions, a device error): still the user's file, so exit 2 naming it
            throw new IllegalArgumentException("option --" + name + ": " + p + ": cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    // ---- option values ----

    /** {@code v} or {@code h,w} as {h, w}; {@code fallback} when absent (null: required). */
    int[] pair(String name, int[] fallback) {
        int[] v = args.intList(name, 1, 2);
        if (v == null) {
            if (fallback == null) throw new IllegalArgumentException("option --" + name + " is required for " + op);
            return fallback;
        }
        return v.length == 1 ? new int[] {v[0], v[0]} : v;
    }

    /** One integer ({@code --stride 2} of a 1-D op); {@code fallback} when absent (null: required). */
    int single(String name, Integer fallback) {
        int[] v = args.intList(name, 1);
        if (v == null) {
            if (fallback == null) throw new IllegalArgumentException("option --" + name + " is required for " + op);
            return fallback;
        }
        return v[0];
    }

    /** A float option; {@code fallback} when absent. */
    float floatValue(String name, float fallback) {
        String s = args.string(name, null);
        if (s == null) return fallback;
        try {
            return Float.parseFloat(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + ": '" + s + "' is not a number");
        }
    }

    /** A word option, lower-cased; {@code fallback} when absent. */
    String word(String name, String fallback) { return args.string(name, fallback).trim().toLowerCase(Locale.ROOT); }

    // ---- results ----

    /** Holds a float32 result for the file named by option {@code name}, when that option was given. */
    void result(String name, Tensor t) {
        if (args.has(name)) results.put(name, NpyWriter.float32(t));
    }

    /** Holds an int64 result (max-pool indices) for the file named by option {@code name}, when given. */
    void indices(String name, long[] values, int... shape) {
        if (args.has(name)) results.put(name, NpyWriter.int64(values, shape));
    }

    /** Refuses an output option whose value the op cannot produce (e.g. --grad-bias-out without --bias). */
    void requireAbsent(String name, String why) {
        if (args.has(name)) throw new IllegalArgumentException("option --" + name + ": " + why);
    }

    /**
     * Checks the output options before any work: forward needs {@code --out}; backward needs at least one
     * gradient output; grad outputs need {@code --grad-out}; no two outputs may name the same file and each
     * must be in an existing folder.
     */
    void checkOutputs(String... gradOutputs) {
        boolean anyGrad = false;
        for (String g : gradOutputs) anyGrad |= args.has(g);
        if (backward()) {
            if (!anyGrad) {
                throw new IllegalArgumentException("option --grad-out runs the backward pass: give --" + gradOutputs[0]
                        + (gradOutputs.length > 1 ? " (or another gradient output)" : "") + " for its result");
            }
        } else {
            if (anyGrad) throw new IllegalArgumentException("gradient outputs need --grad-out g.npy (the gradient of the output)");
            if (!args.has("out")) throw new IllegalArgumentException("option --out FILE.npy is required for " + op);
        }
        Map<Path, String> seen = new LinkedHashMap<>();
        for (String name : args.given()) {
            if (!name.equals("out") && !name.endsWith("-out")) continue;
            if (name.equals("grad-out")) continue;
            Path p = Path.of(args.require(name)).toAbsolutePath().normalize();
            String before = seen.put(p, name);
            if (before != null) throw new IllegalArgumentException("options --" + before + " and --" + name + " name the same file " + p);
            Path dir = p.getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new IllegalArgumentException("option --" + name + ": folder " + dir + " does not exist");
            }
            if (Files.isDirectory(p)) throw new IllegalArgumentException("option --" + name + ": " + p + " is a folder");
        }
    }

    /** Writes every held result: all to temporary files first, then each moved over its target. */
    void commit() throws IOException {
        Map<Path, Path> temps = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, byte[]> e : results.entrySet()) {
                Path target = Path.of(args.require(e.getKey()));
                try {
                    Path tmp = NpyWriter.createTempBeside(target);
                    temps.put(tmp, target);
                    Files.write(tmp, e.getValue());
                } catch (IOException io) {
                    // an unwritable folder or a full disk: nothing has been moved into place yet
                    throw new IllegalArgumentException("option --" + e.getKey() + ": cannot write " + target + " ("
                            + io.getClass().getSimpleName() + (io.getMessage() == null ? "" : ": " + io.getMessage()) + ")");
                }
            }
            for (Map.Entry<Path, Path> e : temps.entrySet()) NpyWriter.moveAtomically(e.getKey(), e.getValue());
        } finally {
            for (Path tmp : temps.keySet()) Files.deleteIfExists(tmp);
        }
    }
}
