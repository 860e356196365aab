package dev.stride.bench.cli;

import java.nio.file.Path;

/**
 * Options of {@code ./stride demo}, parsed from {@code --name value} or {@code --name=value}. Errors are
 * {@link IllegalArgumentException}s naming the option, the value and the rule.
 */
record DemoOptions(int epochs, int batch, double lr, int threads, long seed, Path data, Path out, boolean help) {
    static final int DEFAULT_EPOCHS = 6;
    static final int DEFAULT_BATCH = 64;
    static final double DEFAULT_LR = 3e-3;
    static final long DEFAULT_SEED = 1;

    static final String USAGE = """
            usage: ./stride demo [options]
            Trains LeNet-5 on handwritten digits and reports test accuracy and speed.
              --epochs N     epochs to train (default %d)
              --batch N      mini-batch size (default %d)
              --lr X         Adam learning rate, annealed to zero by a cosine schedule (default %s)
              --threads N    threads for the kernels (default: available processors, %d here)
              --seed N       seed of initialisation and shuffling (default %d)
              --data DIR     train on MNIST IDX files in DIR (train-* and t10k-*, gzipped or not) instead of
                             the 10,000 embedded digits (8,000 to train, 2,000 held out)
              --out DIR      where to write weights and pictures (default out)
            """.formatted(DEFAULT_EPOCHS, DEFAULT_BATCH, DEFAULT_LR, Runtime.getRuntime().availableProcessors(), DEFAULT_SEED);

    static DemoOptions parse(String[] args) {
        int epochs = DEFAULT_EPOCHS, batch = DEFAULT_BATCH, threads = Runtime.getRuntime().availableProcessors();
        double lr = DEFAULT_LR;
        long seed = DEFAULT_SEED;
        Path data = null, out = Path.of("out");
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) { help = true; continue; }
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + a + "' (options start with --; see --help)");
            String name = a, value;
            int eq = a.indexOf('=');
            if (eq >= 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else {
                if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
                value = args[++i];
            }
            switch (name) {
                case "--epochs" -> epochs = positiveInt(name, value);
                case "--batch" -> batch = positiveInt(name, value);
                case "--threads" -> threads = positiveInt(name, value);
                case "--lr" -> {
                    try {
                        lr = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--lr '" + value + "' is not a number");
                    }
                    if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("--lr " + value + " must be a positive number");
                }
                case "--seed" -> {
                    try {
                        seed = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--seed '" + value + "' is not an integer");
                    }
                }
                case "--data" -> data = Path.of(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name + " (see --help)");
            }
        }
        return new DemoOptions(epochs, batch, lr, threads, seed, data, out, help);
    }

    private static int positiveInt(String name, String value) {
        int v;
        try {
            v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not an integer");
        }
        if (v <= 0) throw new IllegalArgumentException(name + " " + v + " must be positive");
        return v;
    }
}
