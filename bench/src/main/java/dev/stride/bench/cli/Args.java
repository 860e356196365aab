package dev.stride.bench.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line arguments of one {@code ./stride} command, parsed against a declared {@link Spec}.
 *
 * <p>Accepted forms: {@code --name value}, {@code --name=value}, flags ({@code --no-bias}), booleans that
 * take an optional {@code true|false} ({@code --ceil-mode}, {@code --ceil-mode false}), and positionals.
 * {@code --} ends the options. {@code -h}/{@code --help} anywhere sets {@link #helpRequested()}.
 *
 * <p>Errors: every problem (unknown option, missing or repeated value, a value that is not an integer or a
 * list of the allowed length, a missing required option) is an {@link IllegalArgumentException} whose
 * message names the option, e.g. {@code option --stride: 'x' is not an integer}. The CLI dispatcher turns
 * it into a one-line message and exit code 2.
 *
 * <pre>{@code
 * static final Args.Spec SPEC = Args.spec("eval")
 *         .positional("model", "the model file")
 *         .option("threads", "n", "threads to use (default: all cores)")
 *         .flag("verbose", "print every step");
 * Args a = SPEC.parse(argv);
 * if (a.helpRequested()) { out.print(SPEC.help()); return 0; }
 * int threads = a.intValue("threads", Runtime.getRuntime().availableProcessors());
 * }</pre>
 */
public final class Args {
    private final Spec spec;
    private final Map<String, String> values;
    private final List<String> positionals;
    private final boolean help;

    private Args(Spec spec, Map<String, String> values, List<String> positionals, boolean help) {
        this.spec = spec;
        this.values = values;
        this.positionals = positionals;
        this.help = help;
    }

    /** Starts the declaration of the options of {@code ./stride <command>}. */
    public static Spec spec(String command) { return new Spec(command); }

    /** True when {@code -h} or {@code --help} was given (the other arguments are then not checked). */
    public boolean helpRequested() { return help; }

    /** The positional arguments in order. */
    public List<String> positionals() { return Collections.unmodifiableList(positionals); }

    /** Positional {@code i} or null when there are fewer. */
    public String positional(int i) { return i < positionals.size() ? positionals.get(i) : null; }

    /** True when option or flag {@code name} was given (whatever its value). */
    public boolean has(String name) { return values.containsKey(spec.canonical(name)); }

    /** The names of the options and flags that were given, in command-line order. */
    public Set<String> given() { return Collections.unmodifiableSet(values.keySet()); }

    /** The raw value of {@code name}, or {@code fallback} when absent. */
    public String string(String name, String fallback) {
        String v = values.get(spec.canonical(name));
        return v == null ? fallback : v;
    }

    /** The raw value of a required option; absent is an error naming it. */
    public String require(String name) {
        String v = values.get(spec.canonical(name));
        if (v == null) throw new IllegalArgumentException("option --" + spec.canonical(name) + " is required");
        return v;
    }

    /** A flag or boolean option: false when absent, true for a bare flag, else its {@code true|false} value. */
    public boolean bool(String name) {
        String v = values.get(spec.canonical(name));
        return v != null && parseBool(spec.canonical(name), v);
    }

    /** An integer option or {@code fallback} when absent. */
    public int intValue(String name, int fallback) {
        String v = values.get(spec.canonical(name));
        return v == null ? fallback : parseInt(spec.canonical(name), v);
    }

    /** A required integer option. */
    public int requireInt(String name) { return parseInt(spec.canonical(name), require(name)); }

    /** A comma-separated integer list ({@code 1,3,224,224}); null when absent. */
    public int[] intList(String name) {
        String v = values.get(spec.canonical(name));
        return v == null ? null : parseIntList(spec.canonical(name), v);
    }

    /**
     * An integer list whose length must be one of {@code allowedLengths}, e.g. {@code (1, 2)} for
     * {@code k | kh,kw}; null when absent. A wrong length is an error naming the option and the forms.
     */
    public int[] intList(String name, int... allowedLengths) {
        int[] v = intList(name);
        if (v == null) return null;
        for (int n : allowedLengths) if (v.length == n) return v;
        throw new IllegalArgumentException("option --" + spec.canonical(name) + ": '" + values.get(spec.canonical(name))
                + "' has " + v.length + " value" + (v.length == 1 ? "" : "s") + "; expected " + spec.metavar(name));
    }

    /** Rejects every given option outside {@code allowed} (for commands whose options depend on a positional). */
    public void onlyAllow(Set<String> allowed, String context) {
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("option --" + name + " does not apply to " + context);
            }
        }
    }

    static int parseInt(String option, String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + option + ": '" + s + "' is not an integer");
        }
    }

    static int[] parseIntList(String option, String s) {
        String[] parts = s.split(",", -1);
        int[] r = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                r[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option --" + option + ": '" + s
                        + "' is not a comma-separated list of integers");
            }
        }
        return r;
    }

    static boolean parseBool(String option, String s) {
        return switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("option --" + option + ": '" + s + "' is not true or false");
        };
    }

    /** The declared options, flags and positionals of one command; builds its help text and parses. */
    public static final class Spec {
        private enum Kind { VALUE, FLAG, BOOLEAN }

        private record Declared(String name, Kind kind, String metavar, String description) {}

        private final String command;
        private final Map<String, Declared> options = new LinkedHashMap<>();
        private final Map<String, String> aliases = new LinkedHashMap<>();
        private final List<String[]> positionals = new ArrayList<>();
        private String summary = "";

        private Spec(String command) { this.command = command; }

        /** One or more lines printed under the usage line of the help. */
        public Spec summary(String text) { summary = text; return this; }

        /** A positional argument, for the help text only (positionals are not counted). */
        public Spec positional(String name, String description) {
            positionals.add(new String[] {name, description});
            return this;
        }

        /** An option taking a value: {@code --name value} or {@code --name=value}. */
        public Spec option(String name, String metavar, String description) {
            return declare(new Declared(name, Kind.VALUE, metavar, description));
        }

        /** A flag without value ({@code --no-bias}); {@link Args#bool} is true when given. */
        public Spec flag(String name, String description) {
            return declare(new Declared(name, Kind.FLAG, "", description));
        }

        /** A boolean: {@code --name} alone means true, or {@code --name true|false}. */
        public Spec bool(String name, String description) {
            return declare(new Declared(name, Kind.BOOLEAN, "[true|false]", description));
        }

        /** Another spelling of the option declared last ({@code --kernel-size} for {@code --kernel}). */
        public Spec alias(String alias) {
            if (options.isEmpty()) throw new IllegalStateException("alias before any option");
            String last = null;
            for (String k : options.keySet()) last = k;
            aliases.put(alias, last);
            return this;
        }

        String canonical(String name) {
            String c = aliases.getOrDefault(name, name);
            if (!options.containsKey(c)) throw new IllegalStateException("option --" + name + " was never declared");
            return c;
        }

        String metavar(String name) { return options.get(canonical(name)).metavar(); }

        private Spec declare(Declared d) {
            if (options.put(d.name(), d) != null) throw new IllegalStateException("option --" + d.name() + " declared twice");
            return this;
        }

        /** Parses {@code argv}; see {@link Args} for the forms and the errors. */
        public Args parse(String[] argv) {
            Map<String, String> values = new LinkedHashMap<>();
            List<String> pos = new ArrayList<>();
            boolean help = false;
            boolean optionsEnded = false;
            for (int i = 0; i < argv.length; i++) {
                String a = argv[i];
                if (optionsEnded || !a.startsWith("-") || a.equals("-") || isNumber(a)) {
                    pos.add(a);
                    continue;
                }
                if (a.equals("--")) { optionsEnded = true; continue; }
                if (a.equals("-h") || a.equals("--help")) { help = true; continue; }
                if (!a.startsWith("--")) throw new IllegalArgumentException("unknown option " + a + unknownHint());
                String body = a.substring(2);
                String inline = null;
                int eq = body.indexOf('=');
                if (eq >= 0) { inline = body.substring(eq + 1); body = body.substring(0, eq); }
                String name = aliases.getOrDefault(body, body);
                Declared d = options.get(name);
                if (d == null) throw new IllegalArgumentException("unknown option --" + body + unknownHint());
                if (values.containsKey(name)) throw new IllegalArgumentException("option --" + name + " is given twice");
                String value;
                switch (d.kind()) {
                    case FLAG -> {
                        if (inline != null) throw new IllegalArgumentException("option --" + name + " takes no value");
                        value = "true";
                    }
                    case BOOLEAN -> {
                        if (inline != null) {
                            value = inline;
                        } else if (i + 1 < argv.length && (argv[i + 1].equals("true") || argv[i + 1].equals("false"))) {
                            value = argv[++i];
                        } else {
                            value = "true";
                        }
                        parseBool(name, value);
                    }
                    default -> {
                        if (inline != null) {
                            value = inline;
                        } else if (i + 1 < argv.length && !(argv[i + 1].startsWith("--") && argv[i + 1].length() > 2)) {
                            value = argv[++i];
                        } else {
                            throw new IllegalArgumentException("option --" + name + " needs a value (" + d.metavar() + ")");
                        }
                        if (value.isEmpty()) throw new IllegalArgumentException("option --" + name + " has an empty value");
                    }
                }
                values.put(name, value);
            }
            return new Args(this, values, pos, help);
        }

        private String unknownHint() { return " (./stride " + command + " --help lists the options)"; }

        private static boolean isNumber(String s) { return s.matches("-[0-9][0-9,]*"); }

        /** The help text: usage line, summary, positionals and options with their value forms. */
        public String help() {
            StringBuilder sb = new StringBuilder("usage: ./stride ").append(command);
            for (String[] p : positionals) sb.append(" <").append(p[0]).append('>');
            sb.append(" [options]\n");
            if (!summary.isEmpty()) sb.append(summary.stripTrailing()).append('\n');
            if (!positionals.isEmpty()) {
                sb.append('\n');
                for (String[] p : positionals) sb.append(String.format("  %-28s %s%n", "<" + p[0] + ">", p[1]));
            }
            sb.append("\noptions:\n");
            for (Declared d : options.values()) {
                StringBuilder names = new StringBuilder("--").append(d.name());
                for (Map.Entry<String, String> e : aliases.entrySet()) {
                    if (e.getValue().equals(d.name())) names.append(", --").append(e.getKey());
                }
                if (!d.metavar().isEmpty()) names.append(' ').append(d.metavar());
                String lead = String.format("  %-28s ", names);
                if (lead.length() > 31) {
                    sb.append("  ").append(names).append('\n').append(" ".repeat(31));
                } else {
                    sb.append(lead);
                }
                sb.append(d.description()).append('\n');
            }
            sb.append(String.format("  %-28s %s%n", "-h, --help", "this text"));
            return sb.toString();
        }
    }
}
