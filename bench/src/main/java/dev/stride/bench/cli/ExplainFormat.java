package dev.stride.bench.cli;

import java.util.Locale;

/** Number and shape formatting shared by the {@code ./stride explain} printers. */
final class ExplainFormat {
    private ExplainFormat() {}

    /** {@code 1,64,112,112}: the form {@code --input} takes, so an output can be pasted back as an input. */
    static String shape(int[] s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length; i++) sb.append(i == 0 ? "" : ",").append(s[i]);
        return sb.toString();
    }

    /** {@code 1*64*112*112}: a product written out. */
    static String product(int... factors) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < factors.length; i++) sb.append(i == 0 ? "" : "*").append(factors[i]);
        return sb.toString();
    }

    /** The product of the factors, in long arithmetic. */
    static long multiply(int... factors) {
        long p = 1;
        for (int f : factors) p *= f;
        return p;
    }

    /** {@code 236,027,904 (236.0 M)}: digits grouped, with a short form for big numbers. */
    static String count(long n) {
        String digits = String.format(Locale.ROOT, "%,d", n);
        if (Math.abs(n) < 10_000) return digits;
        String[] units = {"K", "M", "G", "T", "P"};
        double v = n;
        int u = -1;
        while (Math.abs(v) >= 1000 && u < units.length - 1) { v /= 1000; u++; }
        return digits + String.format(Locale.ROOT, " (%.1f %s)", v, units[u]);
    }
}
