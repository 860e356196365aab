package dev.stride.nn;

import dev.stride.core.Check;
import dev.stride.core.Ops;
import dev.stride.core.Tensor;
import dev.stride.nn.io.Safetensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.nn.Sequential}: layers applied in order, computed by one {@link Ops} (replaceable with
 * {@link #setOps}, e.g. the reference for gradient checks).
 *
 * <p>Parameters and buffers are named as in PyTorch's {@code state_dict}: {@code <index>.<name>}, e.g.
 * {@code 0.weight}, {@code 0.bias}, {@code 3.running_mean}. {@link #train()} and {@link #eval()} switch
 * every layer's mode (Dropout, BatchNorm2d); a new model is in training mode, as in PyTorch.
 */
public final class Sequential {
    private final List<Layer> layers;
    private Ops ops;
    private boolean training = true;
    private boolean inputGradient = true;
    private final BatchSlices slices;

    public Sequential(Ops ops, List<Layer> layers) {
        this.ops = Check.notNull("ops", ops);
        Check.notNull("layers", layers);
        for (int i = 0; i < layers.size(); i++) Check.notNull("layer " + i, layers.get(i));
        this.layers = List.copyOf(layers);
        for (Layer l : this.layers) l.setTraining(true);
        this.slices = new BatchSlices(this.layers);
    }

    public Sequential(Ops ops, Layer... layers) { this(ops, Arrays.asList(layers)); }

    public Ops ops() { return ops; }

    public void setOps(Ops ops) { this.ops = Check.notNull("ops", ops); }

    public List<Layer> layers() { return layers; }

    public Layer layer(int i) { return layers.get(i); }

    /**
     * Runs every layer in order. On the vector engine, a batch of more than 16 images through layers
     * that all have {@link Layer#replica replicas} runs in fixed slices of 16 images, spread over the
     * engine's threads (see {@link BatchSlices}); the layers' own forward state is then not updated, so
     * back-propagate through this model's {@link #backward}, not layer by layer.
     */
    public Tensor forward(Tensor input) {
        Tensor x = Check.notNull("input", input);
        Tensor sliced = slices.forward(ops, x);
        if (sliced != null) return sliced;
        for (Layer l : layers) x = l.forward(ops, x);
        return x;
    }

    /**
     * Back-propagates the gradient of the last forward's output, accumulating every parameter's gradient;
     * returns the gradient of the forward's input, or null when {@link #inputGradient(boolean)} was turned
     * off (then the first layer may skip computing it).
     */
    public Tensor backward(Tensor gradOutput) {
        Tensor g = Check.notNull("grad_output", gradOutput);
        if (slices.active()) return slices.backward(g, inputGradient);
        for (int i = layers.size() - 1; i >= 0; i--) g = layers.get(i).backward(ops, g, i > 0 || inputGradient);
        return inputGradient ? g : null;
    }

    /**
     * Whether {@link #backward} computes the gradient with respect to the model's input (default true).
     * Training needs only parameter gradients, so turning it off saves the first layer's input gradient
     * (for a convolution on images, a large share of its backward pass), as PyTorch does for an input that
     * does not require grad.
     */
    public Sequential inputGradient(boolean needed) {
        this.inputGradient = needed;
        return this;
    }

    public boolean inputGradient() { return inputGradient; }

    /** Training mode for every layer. */
    public Sequential train() { return setTraining(true); }

    /** Evaluation mode for every layer. */
    public Sequential eval() { return setTraining(false); }

    private Sequential setTraining(boolean t) {
        training = t;
        for (Layer l : layers) l.setTraining(t);
        slices.setTraining(t);
        return this;
    }

    public boolean isTraining() { return training; }

    /** Trainable parameters by state_dict name, in order. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> m = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Parameter p : layers.get(i).parameters()) m.put(i + "." + p.name(), p);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The parameters in order (for optimizers). */
    public List<Parameter> parameters() { return new ArrayList<>(namedParameters().values()); }

    /** The gradients by state_dict name (the live tensors, not copies). */
    public Map<String, Tensor> namedGradients() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        namedParameters().forEach((k, p) -> m.put(k, p.grad()));
        return m;
    }

    /** Parameters and buffers by name, layer by layer (parameters first), like PyTorch's state_dict. Live tensors. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Parameter p : layers.get(i).parameters()) m.put(i + "." + p.name(), p.value());
            for (var b : layers.get(i).buffers().entrySet()) m.put(i + "." + b.getKey(), b.getValue());
        }
        return m;
    }

    /**
     * Copies every tensor of {@code state} into the model (strict, as PyTorch's default): a missing or an
     * unexpected name, or a shape mismatch, is an {@link IllegalArgumentException} naming {@code source},
     * the tensor and both shapes; nothing is changed unless everything matches.
     */
    public void loadStateDict(Map<String, Tensor> state, String source) {
        Check.notNull("state", state);
        Map<String, Tensor> mine = stateDict();
        for (var e : mine.entrySet()) {
            Tensor t = state.get(e.getKey());
            if (t == null) throw new IllegalArgumentException(source + ": tensor '" + e.getKey() + "' is missing (model expects shape "
                    + Arrays.toString(e.getValue().shape()) + ")");
            if (!t.sameShape(e.getValue())) {
                throw new IllegalArgumentException(source + ": tensor '" + e.getKey() + "' has shape " + Arrays.toString(t.shape())
                        + " but the model expects " + Arrays.toString(e.getValue().shape()));
            }
        }
        for (String k : state.keySet()) {
            if (!mine.containsKey(k)) throw new IllegalArgumentException(source + ": unexpected tensor '" + k
                    + "' (the model has " + String.join(", ", mine.keySet()) + ")");
        }
        for (var e : mine.entrySet()) {
            System.arraycopy(state.get(e.getKey()).data(), 0, e.getValue().data(), 0, e.getValue().size());
        }
    }

    /** Sets every parameter's gradient to zero. */
    public void zeroGrad() { for (Parameter p : parameters()) p.zeroGrad(); }

    /** Number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Layer l : layers) n += l.parameterCount();
        return n;
    }

    /** Saves {@link #stateDict()} as safetensors (atomically; see {@link Safetensors#save}). */
    public void save(Path file, Map<String, String> metadata) throws IOException {
        Safetensors.save(file, stateDict(), metadata);
    }

    /** Loads weights saved by {@link #save} or by PyTorch's {@code safetensors.torch.save_file}. */
    public void load(Path file) throws IOException {
        loadStateDict(Safetensors.load(file).tensors(), file.toString());
    }

    /**
     * A table of each layer's output shape and parameter count for an input shape, computed by the
     * parameter records' arithmetic (nothing runs). Throws as the first layer that rejects its input does.
     */
    public String summary(int... inputShape) {
        StringBuilder sb = new StringBuilder();
        List<String[]> rows = new ArrayList<>();
        int[] shape = inputShape.clone();
        rows.add(new String[] {"", "input", Arrays.toString(shape), ""});
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            try {
                shape = l.outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " " + l.describe() + ": " + e.getMessage(), e);
            }
            rows.add(new String[] {String.valueOf(i), l.describe(), Arrays.toString(shape), String.format("%,d", l.parameterCount())});
        }
        int w1 = 6, w2 = 5;
        for (String[] r : rows) { w1 = Math.max(w1, r[1].length()); w2 = Math.max(w2, r[2].length()); }
        String fmt = "%3s  %-" + w1 + "s  %-" + w2 + "s  %10s%n";
        sb.append(String.format(fmt, "#", "layer", "output shape", "parameters"));
        for (String[] r : rows) sb.append(String.format(fmt, (Object[]) r));
        long n = parameterCount();
        sb.append(String.format("total parameters: %,d (%.1f KiB as float32)%n", n, n * 4 / 1024.0));
        return sb.toString();
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("Sequential(\n");
        for (int i = 0; i < layers.size(); i++) sb.append("  (").append(i).append("): ").append(layers.get(i).describe()).append('\n');
        return sb.append(')').toString();
    }
}
