package dev.stride.bench.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The command-line app run by the {@code ./stride} launcher. */
public final class StrideCli {
    private StrideCli() {}

    /** The subcommands, in the order the usage lists them. */
    static List<Command> commands() {
        return List.of(new DemoCommand(), new BenchCommand(), new EvalCommand(), new GoldenCommand(), new ExplainCommand());
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs {@code args} and returns the exit code (for tests). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? 2 : 0;
        }
        for (Command c : commands()) {
            if (c.name().equals(args[0])) {
                try {
                    return c.run(Arrays.copyOfRange(args, 1, args.length), out, err);
                } catch (IllegalArgumentException e) {
                    err.println("stride " + c.name() + ": " + e.getMessage());
                    return 2;
                } catch (Exception e) {
                    err.println("stride " + c.name() + ": unexpected failure: " + e);
                    return 1;
                }
            }
        }
        err.println("stride: unknown command '" + args[0] + "'");
        usage(err);
        return 2;
    }

    private static void usage(PrintStream s) {
        s.println("usage: ./stride <command> [options]   (./stride <command> --help for its options)");
        for (Command c : commands()) s.printf("  %-9s %s%n", c.name(), c.summary());
    }
}
