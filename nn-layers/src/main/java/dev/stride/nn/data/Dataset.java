package dev.stride.nn.data;

import dev.stride.core.Check;
import dev.stride.core.Tensor;
import java.util.Arrays;

/**
 * Labelled images in memory: {@code images [N, C, H, W]} and {@code labels} (N class indices). Batches
 * are copies; the dataset itself is never modified.
 */
public record Dataset(Tensor images, int[] labels) {
    public Dataset {
        Check.notNull("images", images);
        Check.notNull("labels", labels);
        images.requireRank("images", 4);
        if (images.dim(0) != labels.length) {
            throw new IllegalArgumentException("dataset has " + images.dim(0) + " images but " + labels.length + " labels");
        }
        labels = labels.clone();
    }

    public int size() { return labels.length; }

    @Override public int[] labels() { return labels.clone(); }

    /** The label of sample {@code i}. */
    public int label(int i) { return labels[i]; }

    /** Samples {@code from..to-1} as a new dataset. */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is empty or outside 0.." + size());
        }
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) idx[i] = from + i;
        return new Dataset(batchImages(idx), Arrays.copyOfRange(labels, from, to));
    }

    /** The images at {@code indices}, in that order, as {@code [indices.length, C, H, W]}. */
    public Tensor batchImages(int[] indices) {
        int[] s = images.shape();
        int per = s[1] * s[2] * s[3];
        float[] src = images.data(), dst = new float[indices.length * per];
        for (int i = 0; i < indices.length; i++) {
            int k = indices[i];
            if (k < 0 || k >= s[0]) throw new IllegalArgumentException("sample index " + k + " is outside 0.." + (s[0] - 1));
            System.arraycopy(src, k * per, dst, i * per, per);
        }
        return Tensor.wrap(dst, indices.length, s[1], s[2], s[3]);
    }

    /** The labels at {@code indices}. */
    public int[] batchLabels(int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < out.length; i++) out[i] = labels[indices[i]];
        return out;
    }
}
