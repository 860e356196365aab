package dev.stride.bench.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@link StrideCli#run} in memory and keeps its exit code, stdout and stderr (for tests). */
record CliRun(int code, String out, String err) {
    static CliRun of(String commandLine) {
        return of(commandLine.isBlank() ? new String[0] : commandLine.trim().split("\\s+"));
    }

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = StrideCli.run(args, o, e);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The first stdout line starting with {@code prefix}, or an assertion failure listing the output. */
    String line(String prefix) {
        for (String l : out.split("\n")) if (l.stripLeading().startsWith(prefix)) return l.strip();
        throw new AssertionError("no line starting with '" + prefix + "' in:\n" + out + "\nstderr:\n" + err);
    }
}
