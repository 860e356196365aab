package dev.stride.bench.cli;

import java.io.PrintStream;

/** {@code ./stride explain}: shapes, arithmetic and FLOPs of one op (being written: the foundation issue). */
final class ExplainCommand implements Command {
    @Override public String name() { return "explain"; }
    @Override public String summary() { return "output shape, the arithmetic behind it, FLOPs and a picture of the windows"; }
    @Override public int run(String[] args, PrintStream out, PrintStream err) {
        err.println("stride explain: not built yet");
        return 1;
    }
}
