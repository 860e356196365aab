package dev.stride.nn.train;

import dev.stride.core.Check;
import dev.stride.core.Tensor;
import dev.stride.nn.Sequential;
import dev.stride.nn.data.Dataset;
import dev.stride.nn.loss.CrossEntropyLoss;
import dev.stride.nn.optim.LrSchedule;
import dev.stride.nn.optim.Optimizer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a classifier with mini-batches: each epoch shuffles the training set with a seeded stream
 * (the same seed gives the same batches), runs forward, cross-entropy, backward and an optimizer step
 * per batch (the last batch may be smaller, as PyTorch's {@code drop_last=False}), then evaluates on the
 * held-out set in evaluation mode and logs one line.
 */
public final class Trainer {
    private final Sequential model;
    private final Optimizer optimizer;
    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private final LrSchedule schedule;
    private final double baseLr;
    private final int batchSize;
    private final SplittableRandom shuffle;

    /** Result of one epoch. {@code trainLoss} is the mean over the epoch's batches as they were trained. */
    public record EpochResult(int epoch, double lr, double trainLoss, double trainAccuracy, double testLoss,
                              double testAccuracy, double trainSeconds, double trainImagesPerSecond) {}

    /** Predictions and quality on a dataset. */
    public record Evaluation(double loss, double accuracy, int[] predictions, double seconds) {
        /** Images per second of the evaluation. */
        public double imagesPerSecond() { return predictions.length / seconds; }
    }

    public Trainer(Sequential model, Optimizer optimizer, LrSchedule schedule, int batchSize, long seed) {
        this.model = Check.notNull("model", model);
        this.optimizer = Check.notNull("optimizer", optimizer);
        this.schedule = Check.notNull("schedule", schedule);
        this.batchSize = Check.positive("batch size", batchSize);
        this.baseLr = optimizer.learningRate();
        this.shuffle = new SplittableRandom(seed);
    }

    /**
     * Trains one epoch ({@code epoch} is 0-based: it picks the learning rate). {@code bar} may be null.
     * Returns the result without a test evaluation (test fields NaN).
     */
    public EpochResult trainEpoch(Dataset train, int epoch, ProgressBar bar) {
        Check.notNull("train", train);
        double lr = schedule.lr(baseLr, epoch);
        optimizer.setLearningRate(lr);
        model.train();
        int n = train.size();
        int[] order = permutation(n);
        double lossSum = 0;
        long correct = 0;
        int batches = 0;
        long start = System.nanoTime();
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            int[] idx = java.util.Arrays.copyOfRange(order, from, to);
            Tensor x = train.batchImages(idx);
            int[] y = train.batchLabels(idx);
            optimizer.zeroGrad();
            Tensor logits = model.forward(x);
            float l = loss.forward(model.ops(), logits, y);
            if (!Float.isFinite(l)) throw new IllegalStateException("training diverged: loss " + l + " at epoch " + (epoch + 1)
                    + ", batch " + (batches + 1) + " (try a smaller learning rate)");
            model.backward(loss.backward(model.ops()));
            optimizer.step();
            lossSum += l;
            correct += countCorrect(logits, y);
            batches++;
            if (bar != null) bar.update(to, lossSum / batches);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        if (bar != null) bar.finish();
        return new EpochResult(epoch, lr, lossSum / batches, (double) correct / n, Double.NaN, Double.NaN, secs, n / secs);
    }

    /** Evaluates in evaluation mode (then restores training mode) with batches of the training size. */
    public Evaluation evaluate(Dataset data) {
        return evaluate(model, data, batchSize);
    }

    /** Mean cross-entropy, accuracy and predictions of {@code model} on {@code data}. */
    public static Evaluation evaluate(Sequential model, Dataset data, int batchSize) {
        Check.notNull("data", data);
        Check.positive("batch size", batchSize);
        boolean wasTraining = model.isTraining();
        model.eval();
        CrossEntropyLoss ce = new CrossEntropyLoss();
        int n = data.size();
        int[] pred = new int[n];
        double lossSum = 0;
        long correct = 0;
        long start = System.nanoTime();
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) idx[i] = from + i;
            Tensor logits = model.forward(data.batchImages(idx));
            int[] y = data.batchLabels(idx);
            lossSum += (double) ce.forward(model.ops(), logits, y) * idx.length;
            int[] p = argmax(logits);
            System.arraycopy(p, 0, pred, from, p.length);
            for (int i = 0; i < p.length; i++) if (p[i] == y[i]) correct++;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        if (wasTraining) model.train();
        return new Evaluation(lossSum / n, (double) correct / n, pred, secs);
    }

    /**
     * Trains {@code epochs} epochs, evaluating on {@code test} after each and logging one line per epoch to
     * {@code log}; the progress bar goes to {@code log} too ({@code interactive}: redraw in place).
     */
    public List<EpochResult> fit(Dataset train, Dataset test, int epochs, PrintStream log, boolean interactive) {
        Check.positive("epochs", epochs);
        List<EpochResult> results = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            ProgressBar bar = log == null ? null
                    : new ProgressBar(log, interactive, String.format("epoch %d/%d", e + 1, epochs), train.size());
            EpochResult r = trainEpoch(train, e, bar);
            Evaluation ev = evaluate(test);
            r = new EpochResult(e, r.lr(), r.trainLoss(), r.trainAccuracy(), ev.loss(), ev.accuracy(), r.trainSeconds(),
                    r.trainImagesPerSecond());
            results.add(r);
            if (log != null) {
                log.printf("epoch %d/%d  lr %.2g  train loss %.4f  train acc %.2f%%  test loss %.4f  test acc %.2f%%  %.1f s  %,.0f img/s%n",
                        e + 1, epochs, r.lr(), r.trainLoss(), 100 * r.trainAccuracy(), r.testLoss(), 100 * r.testAccuracy(),
                        r.trainSeconds(), r.trainImagesPerSecond());
            }
        }
        return results;
    }

    private int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }

    /** Index of the largest logit per row of {@code [N, C]} (first on ties). */
    public static int[] argmax(Tensor logits) {
        logits.requireRank("logits", 2);
        int n = logits.dim(0), c = logits.dim(1);
        float[] d = logits.data();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < c; k++) if (d[i * c + k] > d[i * c + best]) best = k;
            out[i] = best;
        }
        return out;
    }

    private static long countCorrect(Tensor logits, int[] y) {
        int[] p = argmax(logits);
        long c = 0;
        for (int i = 0; i < p.length; i++) if (p[i] == y[i]) c++;
        return c;
    }
}
