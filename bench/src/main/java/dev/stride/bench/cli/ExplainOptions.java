package dev.stride.bench.cli;

import dev.stride.core.PaddingMode;

/**
 * Reads the PyTorch-style option values of {@code ./stride explain} from parsed {@link Args}: shapes, pairs
 * ({@code k} or {@code h,w}) and paddings. Only the form of a value is checked here (how many integers, which
 * words); whether the numbers are valid for the op is the parameter record's job.
 */
final class ExplainOptions {
    private final Args args;
    private final String op;

    ExplainOptions(Args args, String op) {
        this.args = args;
        this.op = op;
    }

    Args args() { return args; }

    /** The required {@code --input} with exactly {@code form.split(",").length} values, e.g. {@code N,C,H,W}. */
    int[] input(String form) {
        int rank = form.split(",").length;
        int[] s = args.intList("input");
        if (s == null) throw new IllegalArgumentException("option --input " + form + " is required for " + op);
        if (s.length != rank) {
            throw new IllegalArgumentException("option --input: " + op + " takes " + form + " (" + rank + " values), got '"
                    + ExplainFormat.shape(s) + "'");
        }
        return s;
    }

    /** {@code k} or {@code h,w} as {h, w}; {@code fallback} when absent (null fallback: the option is required). */
    int[] pair(String name, int[] fallback) {
        int[] v = args.intList(name, 1, 2);
        if (v == null) {
            if (fallback == null) throw new IllegalArgumentException("option --" + name + " is required for " + op);
            return fallback;
        }
        return v.length == 1 ? new int[] {v[0], v[0]} : v;
    }

    /** A single integer of a 1-D op ({@code --kernel 3}); {@code fallback} when absent, null: required. */
    int single(String name, Integer fallback) {
        int[] v = args.intList(name);
        if (v == null) {
            if (fallback == null) throw new IllegalArgumentException("option --" + name + " is required for " + op);
            return fallback;
        }
        if (v.length != 1) {
            throw new IllegalArgumentException("option --" + name + ": " + op + " takes one integer, got '"
                    + args.string(name, "") + "'");
        }
        return v[0];
    }

    /** The raw {@code --padding} text, lower-cased, or {@code fallback}. */
    String paddingWord(String fallback) { return args.string("padding", fallback).trim().toLowerCase(java.util.Locale.ROOT); }

    /** True for {@code --padding same}. */
    boolean paddingIsSame() { return paddingWord("0").equals("same"); }

    /** True for {@code --padding valid}. */
    boolean paddingIsValid() { return paddingWord("0").equals("valid"); }

    /**
     * {@code --padding} as integers whose count is one of {@code allowed}; rejects {@code same}/{@code valid}
     * unless the caller handled them. {@code forms} names the accepted forms for the message.
     */
    int[] paddingInts(String forms, int... allowed) {
        String w = paddingWord("0");
        if (w.equals("same") || w.equals("valid")) {
            throw new IllegalArgumentException("option --padding: '" + w + "' is only for conv1d and conv2d; " + op
                    + " takes " + forms);
        }
        int[] v = Args.parseIntList("padding", w);
        for (int n : allowed) if (v.length == n) return v;
        throw new IllegalArgumentException("option --padding: " + op + " takes " + forms + ", got '" + w + "'");
    }

    /** {@code --padding-mode}, PyTorch's names; the message names the option. */
    PaddingMode paddingMode() {
        try {
            return PaddingMode.parse(args.string("padding-mode", "zeros"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option --padding-mode: " + e.getMessage());
        }
    }

    /** {@code --groups}, default 1. */
    int groups() { return args.intValue("groups", 1); }

    /** {@code --out-channels}, required. */
    int outChannels() {
        if (!args.has("out-channels")) throw new IllegalArgumentException("option --out-channels is required for " + op);
        return args.requireInt("out-channels");
    }

    /** Bias unless {@code --no-bias}. */
    boolean bias() { return !args.bool("no-bias"); }
}
