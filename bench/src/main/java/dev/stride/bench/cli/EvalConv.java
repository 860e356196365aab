package dev.stride.bench.cli;

import dev.stride.core.*;
import java.io.IOException;
import java.util.Arrays;

/**
 * {@code ./stride eval} for conv2d, conv1d and conv_transpose2d: channels and kernel come from the
 * weight's shape, the rest from PyTorch-named options, and every rule is checked by the parameter records.
 * An input without its batch dimension ({@code [C, H, W]}, or {@code [C, L]} for 1-D) is taken as a batch
 * of one and the results drop it again, as PyTorch does.
 */
final class EvalConv {
    private EvalConv() {}

    static final String[] GRADS = {"grad-input-out", "grad-weight-out", "grad-bias-out"};

    static void conv2d(EvalContext c) throws IOException {
        c.checkOutputs(GRADS);
        Tensor x = c.tensor("input"), w = c.tensor("weight"), b = c.optionalTensor("bias");
        Batched in = Batched.of(x, 4, "conv2d", "[N, C, H, W] or [C, H, W]");
        w.requireRank("weight", 4);
        int[] stride = c.pair("stride", new int[] {1, 1}), dilation = c.pair("dilation", new int[] {1, 1});
        Conv2dParams.Builder builder = Conv2dParams.builder(in.t().dim(1), w.dim(0), w.dim(2), w.dim(3))
                .stride(stride[0], stride[1]).dilation(dilation[0], dilation[1])
                .groups(c.args().intValue("groups", 1)).bias(b != null).paddingMode(paddingMode(c));
        String pad = c.word("padding", "0");
        switch (pad) {
            case "same" -> builder.same();
            case "valid" -> builder.valid();
            default -> {
                int[] v = c.args().has("padding") ? c.args().intList("padding", 1, 2, 4) : new int[] {0};
                builder.padding(v.length == 1 ? Padding2d.of(v[0]) : v.length == 2 ? Padding2d.of(v[0], v[1])
                        : new Padding2d(v[0], v[1], v[2], v[3]));
            }
        }
        Conv2dParams p = builder.build();
        p.checkInputs(in.t(), w, b);
        Ops ops = c.ops();
        c.result("out", in.unbatch(ops.conv2d(in.t(), w, b, p)));
        if (c.backward()) {
            if (b == null) c.requireAbsent("grad-bias-out", "conv2d has no bias (give --bias b.npy)");
            Tensor g = in.batch(c.tensor("grad-out"), "grad-out", p.outputShape(in.t().shape()));
            ConvGradients gr = ops.conv2dBackward(in.t(), w, g, p);
            gradients(c, in, gr);
        }
    }

    static void conv1d(EvalContext c) throws IOException {
        c.checkOutputs(GRADS);
        Tensor x = c.tensor("input"), w = c.tensor("weight"), b = c.optionalTensor("bias");
        Batched in = Batched.of(x, 3, "conv1d", "[N, C, L] or [C, L]");
        w.requireRank("weight", 3);
        int stride = c.single("stride", 1), dilation = c.single("dilation", 1), groups = c.args().intValue("groups", 1);
        PaddingMode mode = paddingMode(c);
        int cin = in.t().dim(1), cout = w.dim(0), k = w.dim(2);
        String pad = c.word("padding", "0");
        Conv1dParams p;
        if (pad.equals("same")) {
            if (stride != 1) {
                throw new IllegalArgumentException("padding='same' is not supported for strided convolutions (stride "
                        + stride + "); PyTorch rule");
            }
            p = Conv1dParams.same(cin, cout, k, dilation, groups, mode, b != null);
        } else {
            int[] v = pad.equals("valid") || !c.args().has("padding") ? new int[] {0} : c.args().intList("padding", 1, 2);
            p = new Conv1dParams(cin, cout, k, stride, v[0], v.length == 2 ? v[1] : v[0], mode, dilation, groups, b != null);
        }
        int[] out = p.outputShape(in.t().shape());
        w.requireShape("weight", p.weightShape());
        if (b != null) b.requireShape("bias", cout);
        Ops ops = c.ops();
        c.result("out", in.unbatch(ops.conv1d(in.t(), w, b, p)));
        if (c.backward()) {
            if (b == null) c.requireAbsent("grad-bias-out", "conv1d has no bias (give --bias b.npy)");
            Tensor g = in.batch(c.tensor("grad-out"), "grad-out", out);
            gradients(c, in, ops.conv1dBackward(in.t(), w, g, p));
        }
    }

    static void convTranspose2d(EvalContext c) throws IOException {
        c.checkOutputs(GRADS);
        Tensor x = c.tensor("input"), w = c.tensor("weight"), b = c.optionalTensor("bias");
        Batched in = Batched.of(x, 4, "conv_transpose2d", "[N, C, H, W] or [C, H, W]");
        w.requireRank("weight", 4);
        int groups = c.args().intValue("groups", 1);
        int[] stride = c.pair("stride", new int[] {1, 1}), pad = c.pair("padding", new int[] {0, 0});
        int[] outPad = c.pair("output-padding", new int[] {0, 0}), dilation = c.pair("dilation", new int[] {1, 1});
        ConvTranspose2dParams p = new ConvTranspose2dParams(in.t().dim(1), w.dim(1) * groups, w.dim(2), w.dim(3),
                stride[0], stride[1], pad[0], pad[1], outPad[0], outPad[1], dilation[0], dilation[1], groups, b != null);
        p.checkInputs(in.t(), w, b);
        Ops ops = c.ops();
        c.result("out", in.unbatch(ops.convTranspose2d(in.t(), w, b, p)));
        if (c.backward()) {
            if (b == null) c.requireAbsent("grad-bias-out", "conv_transpose2d has no bias (give --bias b.npy)");
            Tensor g = in.batch(c.tensor("grad-out"), "grad-out", p.outputShape(in.t().shape()));
            gradients(c, in, ops.convTranspose2dBackward(in.t(), w, g, p));
        }
    }

    private static void gradients(EvalContext c, Batched in, ConvGradients gr) {
        c.result("grad-input-out", in.unbatch(gr.gradInput()));
        c.result("grad-weight-out", gr.gradWeight());
        if (gr.gradBias() != null) c.result("grad-bias-out", gr.gradBias());
    }

    private static PaddingMode paddingMode(EvalContext c) {
        try {
            return PaddingMode.parse(c.word("padding-mode", "zeros"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option --padding-mode: " + e.getMessage());
        }
    }

    /**
     * An input of rank {@code rank}, or of rank {@code rank-1} (unbatched, as PyTorch accepts) seen with a
     * batch of one; {@link #unbatch} drops the added dimension from results.
     */
    record Batched(Tensor t, boolean added) {
        static Batched of(Tensor x, int rank, String op, String forms) {
            if (x.rank() == rank) return new Batched(x, false);
            if (x.rank() == rank - 1) {
                int[] s = new int[rank];
                s[0] = 1;
                System.arraycopy(x.shape(), 0, s, 1, rank - 1);
                return new Batched(x.reshape(s), true);
            }
            throw new IllegalArgumentException("input has shape " + Arrays.toString(x.shape()) + "; " + op + " takes " + forms);
        }

        Tensor unbatch(Tensor y) {
            if (!added) return y;
            int[] s = y.shape();
            return y.reshape(Arrays.copyOfRange(s, 1, s.length));
        }

        /** A gradient of the output in the caller's form, checked against the batched output shape. */
        Tensor batch(Tensor g, String name, int[] batchedShape) {
            Tensor r = added && g.rank() == batchedShape.length - 1 ? g.reshape(prepend1(g.shape())) : g;
            if (!Arrays.equals(r.shape(), batchedShape)) {
                int[] expected = added ? Arrays.copyOfRange(batchedShape, 1, batchedShape.length) : batchedShape;
                throw new IllegalArgumentException(name + " has shape " + Arrays.toString(g.shape()) + ", expected the output shape "
                        + Arrays.toString(expected));
            }
            return r;
        }

        private static int[] prepend1(int[] s) {
            int[] r = new int[s.length + 1];
            r[0] = 1;
            System.arraycopy(s, 0, r, 1, s.length);
            return r;
        }
    }
}
