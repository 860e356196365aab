package dev.stride.bench.cli;

import java.io.PrintStream;

/** One subcommand of {@code ./stride}. */
public interface Command {
    /** The word after {@code ./stride}. */
    String name();

    /** One line for the usage listing. */
    String summary();

    /**
     * Runs the command. Returns the process exit code: 0 success, 2 bad usage or bad input (with a one-line
     * message on {@code err}, never a stack trace), 1 for an unexpected failure.
     */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
