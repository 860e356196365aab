package dev.stride.bench.cli;

import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.nn.Models;
import dev.stride.nn.Sequential;
import dev.stride.nn.data.Dataset;
import dev.stride.nn.data.Mnist;
import dev.stride.nn.optim.Adam;
import dev.stride.nn.optim.LrSchedule;
import dev.stride.nn.train.ProgressBar;
import dev.stride.nn.train.Trainer;
import dev.stride.nn.train.Trainer.EpochResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./stride demo}: trains LeNet-5 on handwritten digits with the vectorized kernels, evaluates on
 * held-out digits, writes weights and pictures, and ends with one summary line:
 * {@code test accuracy 98.10% | train 31,200 images/s | inference 95,000 images/s | epoch 2.6 s}.
 *
 * <p>Speeds: training images/s and the epoch time are the mean over the epochs after the first (the first
 * includes JIT warm-up) when there is more than one; inference images/s is the median of
 * {@value #INFERENCE_PASSES} passes over the test set at batch {@value #INFERENCE_BATCH} (the L1 shape), after a
 * second of untimed passes at that batch size.
 */
final class DemoCommand implements Command {
    static final int INFERENCE_BATCH = 64;
    static final int INFERENCE_PASSES = 3;
    private static final int FEATURE_DIGITS = 4;

    @Override public String name() { return "demo"; }

    @Override public String summary() { return "train LeNet-5 on handwritten digits: accuracy, speed, weights and pictures"; }

    @Override public int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        DemoOptions o = DemoOptions.parse(args);
        if (o.help()) {
            out.print(DemoOptions.USAGE);
            return 0;
        }
        System.setProperty("java.awt.headless", "true");
        Dataset train, test;
        String source;
        if (o.data() == null) {
            Dataset all = Mnist.embedded();
            train = all.slice(0, 8000);
            test = all.slice(8000, all.size());
            source = "8,000 embedded MNIST digits (2,000 held out)";
        } else {
            try {
                train = Mnist.load(o.data(), "train");
                test = Mnist.load(o.data(), "t10k");
            } catch (IOException e) {
                err.println("stride demo: " + e.getMessage());
                return 2;
            }
            source = String.format("%,d MNIST digits from %s (%,d test digits)", train.size(), o.data(), test.size());
        }
        try {
            Files.createDirectories(o.out());
            if (!Files.isWritable(o.out())) throw new IOException("not writable");
        } catch (IOException e) {
            err.println("stride demo: cannot write to the output folder " + o.out() + ": " + e.getMessage());
            return 2;
        }

        Ops ops = Stride.vector(o.threads());
        Sequential model = Models.lenet5(ops, o.seed());
        out.printf("LeNet-5 on %s: %s ops, %d thread%s, batch %d, Adam lr %s with cosine decay, %d epoch%s, seed %d%n",
                source, ops.name(), o.threads(), o.threads() == 1 ? "" : "s", o.batch(), o.lr(), o.epochs(),
                o.epochs() == 1 ? "" : "s", o.seed());
        out.print(model.summary(o.batch(), 1, 28, 28));

        Adam adam = Adam.adam(model.parameters(), o.lr());
        Trainer trainer = new Trainer(model, adam, LrSchedule.cosine(o.epochs(), 0), o.batch(), o.seed());
        boolean terminal = out == System.out && ProgressBar.stdoutIsTerminal();
        List<EpochResult> epochs = trainer.fit(train, test, o.epochs(), out, terminal);

        Trainer.Evaluation finalEval = Trainer.evaluate(model, test, INFERENCE_BATCH);
        // Warm the batch-64 path up (the JIT compiles it late on a busy machine) before timing it.
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmEnd) Trainer.evaluate(model, test, INFERENCE_BATCH);
        double[] passes = new double[INFERENCE_PASSES];
        for (int i = 0; i < passes.length; i++) passes[i] = Trainer.evaluate(model, test, INFERENCE_BATCH).imagesPerSecond();
        java.util.Arrays.sort(passes);
        double inference = passes[passes.length / 2];
        int from = epochs.size() > 1 ? 1 : 0;
        double secs = 0, rate = 0;
        for (int e = from; e < epochs.size(); e++) {
            secs += epochs.get(e).trainSeconds();
            rate += epochs.get(e).trainImagesPerSecond();
        }
        secs /= epochs.size() - from;
        rate /= epochs.size() - from;

        Path weights = o.out().resolve("lenet5.safetensors");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("model", "LeNet-5 as dev.stride.nn.Models.lenet5: torch.nn.Sequential(Conv2d(1,6,5,padding=2), ReLU, MaxPool2d(2), "
                + "Conv2d(6,16,5), ReLU, MaxPool2d(2), Flatten, Linear(400,120), ReLU, Linear(120,84), ReLU, Linear(84,10))");
        meta.put("input", "[N, 1, 28, 28], pixels/255 normalised with mean 0.1307, std 0.3081");
        meta.put("test_accuracy", String.format("%.4f", finalEval.accuracy()));
        meta.put("epochs", String.valueOf(o.epochs()));
        meta.put("seed", String.valueOf(o.seed()));
        Path filters = o.out().resolve("filters.png"), curves = o.out().resolve("curves.png");
        Path wrong = o.out().resolve("misclassified.png");
        int shown;
        try {
            model.save(weights, meta);
            writeFilters(model, test, filters);
            DemoPlot.curves(epochs, curves);
            shown = DemoFigures.misclassified(test.images(), test.labels(), finalEval.predictions(), 60, wrong);
        } catch (IOException e) {
            err.println("stride demo: cannot write the results to " + o.out() + ": " + e);
            return 2;
        }
        int errors = 0;
        for (int i = 0; i < test.size(); i++) if (finalEval.predictions()[i] != test.label(i)) errors++;
        out.printf("%,d of %,d test digits misclassified (%d shown); wrote %s, %s, %s, %s%n", errors, test.size(), shown,
                weights, filters, curves, wrong);
        out.printf("test accuracy %.2f%% | train %s images/s | inference %s images/s | epoch %.1f s%n",
                100 * finalEval.accuracy(), threeDigits(rate), threeDigits(inference), secs);
        return 0;
    }

    /** The first layer's filters and its ReLU maps for the first few test digits. */
    private static void writeFilters(Sequential model, Dataset test, Path file) throws IOException {
        boolean wasTraining = model.isTraining();
        model.eval();
        int[] idx = new int[Math.min(FEATURE_DIGITS, test.size())];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Tensor digits = test.batchImages(idx);
        Tensor maps = model.layer(1).forward(model.ops(), model.layer(0).forward(model.ops(), digits));
        Tensor weight = model.stateDict().get("0.weight");
        DemoFigures.filtersAndMaps(weight, digits, maps, file);
        if (wasTraining) model.train();
    }

    /** Rounded to three significant digits, with thousands separators (31,234 -> 31,200). */
    static String threeDigits(double v) {
        if (!(v > 0) || Double.isInfinite(v)) return "0";
        double scale = Math.pow(10, Math.floor(Math.log10(v)) - 2);
        double r = Math.round(v / scale) * scale;
        return r >= 100 ? String.format("%,.0f", r) : String.format("%.3g", r);
    }
}
