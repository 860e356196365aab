package dev.stride.nn;

import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a {@link Sequential}'s layers on fixed slices of {@link #IMAGES} images, each slice through its
 * own {@link Layer#replica replicas}, the slices spread over the vector engine's threads; every op
 * inside a slice runs on one thread.
 *
 * <p>Why: LeNet-sized layers are too small to split well one at a time (each op would wake the pool for
 * a few microseconds of work, and its intermediate tensors of a whole batch fall out of cache), while
 * whole slices share nothing until the gradients are added up.
 *
 * <p>Determinism: the slicing depends only on the batch size, never on the thread count, and the
 * parameter gradients of the slices are added in slice order ({@code ((g0 + g1) + g2) + ...}, then into
 * the parameter's gradient); so results are bitwise identical for any thread count. Compared with running
 * the layers whole, results differ only by rounding: the parameter gradients sum the images in another
 * order, and an op may round an element differently depending on where it falls in its tensor (a
 * vector body or a scalar tail).
 *
 * <p>Applies only to the vector engine (the reference stays the plain reference), to inputs of rank 2 or
 * 4 with more than {@link #IMAGES} images, when every layer has a replica and the layers' shape
 * arithmetic accepts the input and keeps its first dimension; otherwise the caller runs the layers
 * whole (and reports errors as usual).
 */
final class BatchSlices {
    /** Images per slice: a slice's largest activations (LeNet: 16 x 6 x 28 x 28 floats) stay in L2. */
    static final int IMAGES = 16;

    private final List<Layer> layers;
    /** Per slice, one replica per layer; empty when some layer has no replica. */
    private final List<List<Layer>> replicas = new ArrayList<>();
    private final boolean separable;
    private boolean training = true;

    /** State of the last sliced forward, for backward: 0 slices means the last forward ran whole. */
    private int slices, batch;
    /** The engine of the last sliced forward, whose threads run the slices. */
    private Ops engine;
    private int[] inputShape, outputShape;
    private final List<Tensor> inputSlices = new ArrayList<>();
    private final List<Tensor> gradSlices = new ArrayList<>();

    /** Floats per task of the gradient sums: enough to pay for a task, small enough to spread LeNet's 48k-float weight. */
    private static final int SUM_SPAN = 8192;
    /** The plan of {@link #addGradients}: per parameter, its gradient and the slices' ones; built for {@code sumPlanSlices} slices. */
    private float[][] sumDst;
    private float[][][] sumSrc;
    private int[][] sumTasks;
    private int sumPlanSlices;

    BatchSlices(List<Layer> layers) {
        this.layers = layers;
        List<Layer> first = new ArrayList<>();
        for (Layer l : layers) {
            Layer r = l.replica();
            if (r == null) break;
            first.add(r);
        }
        separable = first.size() == layers.size() && !layers.isEmpty();
        if (separable) {
            LayerFusion.link(first);
            replicas.add(first);
        }
    }

    void setTraining(boolean t) {
        training = t;
        for (List<Layer> rs : replicas) for (Layer r : rs) r.setTraining(t);
    }

    /** Whether the last {@link #forward} ran sliced (so {@link #backward} must too). */
    boolean active() { return slices > 0; }

    /** Forgets the last sliced forward (the caller ran one whole). */
    void clear() { slices = 0; }

    /** The sliced forward, or null (and nothing done) when slicing does not apply. */
    Tensor forward(Ops ops, Tensor input) {
        slices = 0;
        // only the library's vector engines (one shared instance per thread count); the reference stays plain
        if (!separable || ops != Stride.vector(ops.threads())) return null;
        int[] shape = input.shape();
        if ((shape.length != 2 && shape.length != 4) || shape[0] <= IMAGES) return null;
        int[] out = shape;
        try {
            for (Layer l : layers) out = l.outputShape(out);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (out.length < 1 || out[0] != shape[0]) return null;
        final int n = shape[0], count = (n + IMAGES - 1) / IMAGES;
        while (replicas.size() < count) {
            List<Layer> rs = new ArrayList<>();
            for (Layer l : layers) {
                Layer r = l.replica();
                r.setTraining(training);
                rs.add(r);
            }
            LayerFusion.link(rs);
            replicas.add(rs);
        }
        final int inPer = input.size() / n;
        final Tensor y = Tensor.zeros(out);
        final int outPer = y.size() / n;
        final Ops one = Stride.vector(1);
        final Tensor[] xs = new Tensor[count];
        for (int s = 0; s < count; s++) xs[s] = sliceBuffer(s, shape, Math.min(IMAGES, n - s * IMAGES));
        ops.parallelFor(count, s -> {
            int i0 = s * IMAGES, m = Math.min(IMAGES, n - i0);
            Tensor x = xs[s];
            System.arraycopy(input.data(), i0 * inPer, x.data(), 0, m * inPer);
            for (Layer l : replicas.get(s)) x = l.forward(one, x);
            System.arraycopy(x.data(), 0, y.data(), i0 * outPer, m * outPer);
        });
        slices = count;
        batch = n;
        engine = ops;
        inputShape = shape.clone();
        outputShape = out;
        return y;
    }

    /** A reused tensor for slice {@code s}'s input copy (replicas keep it as their cached input until the next forward). */
    private Tensor sliceBuffer(int s, int[] shape, int m) {
        int[] sh = shape.clone();
        sh[0] = m;
        while (inputSlices.size() <= s) inputSlices.add(null);
        Tensor t = inputSlices.get(s);
        if (t == null || !Arrays.equals(t.shape(), sh)) {
            t = Tensor.zeros(sh);
            inputSlices.set(s, t);
        }
        return t;
    }

    /**
     * The backward of the last sliced forward: every slice's replicas back-propagate their part of
     * {@code gradOutput}; parameter gradients are added into the layers' parameters in slice order.
     * Returns the input gradient, or null when {@code inputGradient} is false.
     */
    Tensor backward(Tensor gradOutput, boolean inputGradient) {
        gradOutput.requireShape("grad_output", outputShape);
        final int n = batch, count = slices, last = layers.size() - 1;
        final int outPer = gradOutput.size() / n, inPer = sizeOf(inputShape) / n;
        final Tensor gradIn = inputGradient ? Tensor.zeros(inputShape) : null;
        final Ops one = Stride.vector(1);
        final Tensor[] gs = new Tensor[count];
        for (int s = 0; s < count; s++) gs[s] = gradSliceBuffer(s, Math.min(IMAGES, n - s * IMAGES));
        engine.parallelFor(count, s -> {
            int i0 = s * IMAGES, m = Math.min(IMAGES, n - i0);
            List<Layer> rs = replicas.get(s);
            Tensor g = gs[s];
            System.arraycopy(gradOutput.data(), i0 * outPer, g.data(), 0, m * outPer);
            for (int i = last; i >= 0; i--) g = rs.get(i).backward(one, g, i > 0 || inputGradient);
            if (inputGradient) System.arraycopy(g.data(), 0, gradIn.data(), i0 * inPer, m * inPer);
        });
        addGradients(count);
        return gradIn;
    }

    /** A reused tensor for slice {@code s}'s part of grad_output (only the last replica reads it). */
    private Tensor gradSliceBuffer(int s, int m) {
        int[] sh = outputShape.clone();
        sh[0] = m;
        while (gradSlices.size() <= s) gradSlices.add(null);
        Tensor t = gradSlices.get(s);
        if (t == null || !Arrays.equals(t.shape(), sh)) {
            t = Tensor.zeros(sh);
            gradSlices.set(s, t);
        }
        return t;
    }

    /**
     * {@code grad += ((g_0 + g_1) + ...) + g_{count-1}} for every parameter, in fixed spans. Slice 0's
     * gradients take the running sum (its replicas set them anew on the next backward), so each span is a few
     * element-wise passes that compile to vector adds, with the same order of additions per element.
     */
    private void addGradients(int count) {
        if (sumPlanSlices != count) planSums(count);
        final float[][] dst = sumDst;
        final float[][][] src = sumSrc;
        final int[][] tasks = sumTasks;
        engine.parallelFor(tasks.length, t -> {
            int[] task = tasks[t];
            float[] d = dst[task[0]];
            float[][] parts = src[task[0]];
            float[] acc = parts[0];
            int a = task[1], b = task[2];
            for (int s = 1; s < count; s++) {
                float[] part = parts[s];
                for (int e = a; e < b; e++) acc[e] += part[e];
            }
            for (int e = a; e < b; e++) d[e] += acc[e];
        });
    }

    /** The spans of {@link #addGradients} for {@code count} slices (fixed once the replicas exist). */
    private void planSums(int count) {
        List<float[]> dst = new ArrayList<>();
        List<float[][]> src = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            List<Parameter> ps = layers.get(i).parameters();
            for (int j = 0; j < ps.size(); j++) {
                float[][] parts = new float[count][];
                for (int s = 0; s < count; s++) parts[s] = replicas.get(s).get(i).parameters().get(j).grad().data();
                dst.add(ps.get(j).grad().data());
                src.add(parts);
            }
        }
        List<int[]> tasks = new ArrayList<>();
        for (int k = 0; k < dst.size(); k++) {
            for (int a = 0; a < dst.get(k).length; a += SUM_SPAN) tasks.add(new int[] {k, a, Math.min(dst.get(k).length, a + SUM_SPAN)});
        }
        sumDst = dst.toArray(new float[0][]);
        sumSrc = src.toArray(new float[0][][]);
        sumTasks = tasks.toArray(new int[0][]);
        sumPlanSlices = count;
    }

    private static int sizeOf(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }
}
