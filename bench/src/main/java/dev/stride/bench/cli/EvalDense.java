package dev.stride.bench.cli;

import dev.stride.core.*;
import dev.stride.nn.io.NpyArray;
import java.io.IOException;
import java.util.Arrays;

/**
 * {@code ./stride eval} for pad, the activations, linear, softmax, log_softmax and cross_entropy, with
 * PyTorch's argument names and defaults ({@code F.pad(x, pad, mode='constant', value=0)},
 * {@code negative_slope=0.01}, {@code alpha=1}, {@code approximate='none'}, {@code beta=1, threshold=20},
 * cross-entropy's {@code reduction='mean', ignore_index=-100, label_smoothing=0}).
 */
final class EvalDense {
    private EvalDense() {}

    private static final String[] GRAD = {"grad-input-out"};

    static void pad(EvalContext c) throws IOException {
        c.checkOutputs(GRAD);
        Tensor x = c.tensor("input");
        int[] v = c.args().intList("pad", 2, 4);
        if (v == null) throw new IllegalArgumentException("option --pad l,r or l,r,t,b is required for pad");
        PadMode mode;
        try {
            mode = PadMode.parse(c.word("mode", "constant"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option --mode: " + e.getMessage());
        }
        float value = c.floatValue("value", 0f);
        if (mode != PadMode.CONSTANT && c.args().has("value")) {
            throw new IllegalArgumentException("option --value is only meaningful for --mode constant");
        }
        int padded = v.length / 2;
        if (mode != PadMode.CONSTANT && x.rank() != padded + 1 && x.rank() != padded + 2) {
            throw new IllegalArgumentException("pad: mode " + mode.name().toLowerCase() + " with " + v.length + " pad values needs a "
                    + (padded + 1) + "-D or " + (padded + 2) + "-D input (PyTorch rule), got shape " + Arrays.toString(x.shape()));
        }
        Pad2dParams p = new Pad2dParams(v[0], v[1], v.length == 4 ? v[2] : 0, v.length == 4 ? v[3] : 0, mode, value);
        // A 1-D input padded on its only dimension is the H=1 case of the 2-D op.
        boolean lift = x.rank() == 1 && v.length == 2;
        Tensor in = lift ? x.reshape(1, x.dim(0)) : x;
        int[] out = p.outputShape(in.shape());
        Tensor y = c.ops().pad(in, p);
        c.result("out", lift ? y.reshape(out[1]) : y);
        if (c.backward()) {
            Tensor g = c.tensor("grad-out");
            g = lift && g.rank() == 1 ? g.reshape(1, g.dim(0)) : g;
            g.requireShape("grad-out", out);
            Tensor gx = c.ops().padBackward(in.shape(), g, p);
            c.result("grad-input-out", lift ? gx.reshape(x.shape()) : gx);
        }
    }

    /** The activation named by the op, with its options. */
    static Activation activation(EvalContext c) {
        return switch (c.op()) {
            case "relu" -> Activation.relu();
            case "leaky_relu" -> Activation.leakyRelu(c.floatValue("negative-slope", 0.01f));
            case "elu" -> Activation.elu(c.floatValue("alpha", 1f));
            case "sigmoid" -> Activation.sigmoid();
            case "tanh" -> Activation.tanh();
            case "gelu" -> switch (c.word("approximate", "none")) {
                case "none" -> Activation.gelu();
                case "tanh" -> Activation.geluTanh();
                default -> throw new IllegalArgumentException("option --approximate: '" + c.word("approximate", "")
                        + "' is not none or tanh");
            };
            case "silu" -> Activation.silu();
            case "softplus" -> Activation.softplus(c.floatValue("beta", 1f), c.floatValue("threshold", 20f));
            default -> throw new IllegalStateException("not an activation: " + c.op());
        };
    }

    static void activationOp(EvalContext c) throws IOException {
        c.checkOutputs(GRAD);
        Activation a = activation(c);
        Tensor x = c.tensor("input");
        c.result("out", c.ops().activation(x, a));
        if (c.backward()) {
            Tensor g = c.tensor("grad-out");
            g.requireShape("grad-out", x.shape());
            c.result("grad-input-out", c.ops().activationBackward(x, g, a));
        }
    }

    static void linear(EvalContext c) throws IOException {
        c.checkOutputs(EvalConv.GRADS);
        Tensor x = c.tensor("input"), w = c.tensor("weight"), b = c.optionalTensor("bias");
        w.requireRank("weight", 2);
        if (x.rank() < 1) throw new IllegalArgumentException("input must have at least 1 dimension, got a scalar");
        if (x.dim(-1) != w.dim(1)) {
            throw new IllegalArgumentException("input has " + x.dim(-1) + " features (last dimension of " + Arrays.toString(x.shape())
                    + "), weight " + Arrays.toString(w.shape()) + " takes in_features " + w.dim(1));
        }
        if (b != null) b.requireShape("bias", w.dim(0));
        c.result("out", c.ops().linear(x, w, b));
        if (c.backward()) {
            if (b == null) c.requireAbsent("grad-bias-out", "linear has no bias (give --bias b.npy)");
            int[] out = x.shape();
            out[out.length - 1] = w.dim(0);
            Tensor g = c.tensor("grad-out");
            g.requireShape("grad-out", out);
            ConvGradients gr = c.ops().linearBackward(x, w, g, b != null);
            c.result("grad-input-out", gr.gradInput());
            c.result("grad-weight-out", gr.gradWeight());
            if (gr.gradBias() != null) c.result("grad-bias-out", gr.gradBias());
        }
    }

    static void softmax(EvalContext c) throws IOException {
        c.checkOutputs(GRAD);
        Tensor x = c.tensor("input");
        int dim = c.args().has("dim") ? c.args().intValue("dim", 0) : legacySoftmaxDim(x.rank());
        boolean log = c.op().equals("log_softmax");
        Tensor y = log ? c.ops().logSoftmax(x, dim) : c.ops().softmax(x, dim);
        c.result("out", y);
        if (c.backward()) {
            Tensor g = c.tensor("grad-out");
            g.requireShape("grad-out", x.shape());
            c.result("grad-input-out", log ? c.ops().logSoftmaxBackward(y, g, dim) : c.ops().softmaxBackward(y, g, dim));
        }
    }

    /** PyTorch's implicit dim when none is given: 0 for rank 0, 1 and 3, else 1. */
    private static int legacySoftmaxDim(int rank) { return rank == 0 || rank == 1 || rank == 3 ? 0 : 1; }

    static void crossEntropy(EvalContext c) throws IOException {
        c.checkOutputs(GRAD);
        Tensor logits = c.tensor("input");
        NpyArray targetFile = c.array("target");
        Tensor classWeights = c.optionalTensor("weight");
        if (targetFile.floating()) {
            EvalSoftTargetCrossEntropy.run(c, logits, targetFile, classWeights);
            return;
        }
        int[] targets = targetFile.ints();
        if (logits.rank() < 1) throw new IllegalArgumentException("input must be [C], [N, C] or [N, C, d1, ...], got a scalar");
        // An unbatched [C] input with a scalar target is a batch of one.
        boolean unbatched = logits.rank() == 1;
        Tensor in = unbatched ? logits.reshape(1, logits.dim(0)) : logits;
        int classes = in.dim(1);
        int[] expectedTarget = new int[in.rank() - 1];
        expectedTarget[0] = in.dim(0);
        for (int i = 2; i < in.rank(); i++) expectedTarget[i - 1] = in.dim(i);
        int[] givenTarget = targetFile.shape();
        if (!Arrays.equals(givenTarget, unbatched ? new int[0] : expectedTarget)) {
            throw new IllegalArgumentException("target " + targetFile.source() + " has shape " + Arrays.toString(givenTarget)
                    + ", expected " + Arrays.toString(unbatched ? new int[0] : expectedTarget) + " for input of shape "
                    + Arrays.toString(logits.shape()) + " (int class indices; float class probabilities take the input's shape)");
        }
        float[] w = null;
        if (classWeights != null) {
            classWeights.requireShape("weight", classes);
            w = classWeights.data();
        }
        Reduction reduction;
        try {
            reduction = Reduction.parse(c.word("reduction", "mean"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option --reduction: " + e.getMessage());
        }
        CrossEntropyParams p = new CrossEntropyParams(reduction, c.floatValue("label-smoothing", 0f),
                c.args().intValue("ignore-index", -100), w);
        for (int i = 0; i < targets.length; i++) {
            int t = targets[i];
            if (t != p.ignoreIndex() && (t < 0 || t >= classes)) {
                throw new IllegalArgumentException("target " + targetFile.source() + ": value " + t + " at flat position " + i
                        + " is not a class index in [0, " + classes + ") nor ignore_index " + p.ignoreIndex());
            }
        }
        Tensor loss = c.ops().crossEntropy(in, targets, p);
        int[] lossShape = reduction == Reduction.NONE ? (unbatched ? new int[0] : expectedTarget) : new int[0];
        c.result("out", loss.reshape(lossShape));
        if (c.backward()) {
            Tensor g = c.tensor("grad-out");
            g.requireShape("grad-out", lossShape);
            Tensor gx = c.ops().crossEntropyBackward(in, targets, g.reshape(loss.shape()), p);
            c.result("grad-input-out", gx.reshape(logits.shape()));
        }
    }
}
