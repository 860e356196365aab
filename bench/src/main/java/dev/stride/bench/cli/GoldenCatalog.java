package dev.stride.bench.cli;

import dev.stride.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The cases of the golden suite: the edge cases engines get wrong (ceil-mode windows that would start in
 * the right padding, count_include_pad with ceil mode, dilation with padding, asymmetric and {@code same}
 * padding with even kernels, groups, every padding mode, NaN in max-pool windows, 1x1 inputs, kernels wider
 * than the input) and backward passes. Inputs come from seeded generators, one seed per case in order, so
 * the suite is the same on every run and machine.
 */
final class GoldenCatalog {
    /** The base seed; case {@code i} draws from {@code SEED + i}. */
    static final long SEED = 20261128L;

    // Gradients of overlapping max-pool windows are sums, so they get AVG_TOL: float rounding depends on order.
    private static final double[] CONV_TOL = {1e-4, 1e-4}, EXACT = {0, 0}, AVG_TOL = {1e-6, 1e-5},
            SMOOTH_TOL = {1e-6, 1e-5}, LOSS_TOL = {1e-5, 1e-5};

    private final List<GoldenCase> cases = new ArrayList<>();
    private long seed = SEED;

    private GoldenCatalog() {}

    /** Every case, in a fixed order. */
    static List<GoldenCase> cases() {
        GoldenCatalog c = new GoldenCatalog();
        c.conv();
        c.pools();
        c.dense();
        return List.copyOf(c.cases);
    }

    private Tensor rand(int... shape) { return Tensor.uniform(seed++, -1, 1, shape); }

    private Tensor rand(float lo, float hi, int... shape) { return Tensor.uniform(seed++, lo, hi, shape); }

    private GoldenCase.Builder add(GoldenCase.Builder b, double[] tol) {
        b.tolerance(tol[0], tol[1]);
        cases.add(b.build());
        return b;
    }

    private static int[] pair(int a, int b) { return new int[] {a, b}; }

    private void conv() {
        add(GoldenCase.builder("conv2d", "stride2_pad1").note("plain 3x3 convolution with bias, stride 2, padding 1")
                .param("stride", pair(2, 2)).param("padding", pair(1, 1))
                .input("input", rand(1, 3, 7, 7)).input("weight", rand(4, 3, 3, 3)).input("bias", rand(4)), CONV_TOL);
        add(GoldenCase.builder("conv2d", "asymmetric_padding").note("padding top,bottom,left,right = 0,2,1,0 (F.pad then conv)")
                .param("padding", new int[] {0, 2, 1, 0}).param("stride", pair(1, 2))
                .input("input", rand(1, 2, 5, 6)).input("weight", rand(3, 2, 3, 3)).input("bias", rand(3)), CONV_TOL);
        add(GoldenCase.builder("conv2d", "same_even_kernel").note("padding='same' with a 4x2 kernel: the odd cell goes bottom/right")
                .param("padding", "same")
                .input("input", rand(1, 2, 6, 5)).input("weight", rand(3, 2, 4, 2)), CONV_TOL);
        add(GoldenCase.builder("conv2d", "same_even_kernel_dilated").note("padding='same', kernel 2x4, dilation 2: totals 2 and 6")
                .param("padding", "same").param("dilation", pair(2, 2))
                .input("input", rand(2, 2, 5, 7)).input("weight", rand(2, 2, 2, 4)).input("bias", rand(2)), CONV_TOL);
        add(GoldenCase.builder("conv2d", "dilation_with_padding").note("dilation 2 with padding 2 keeps 7x7")
                .param("padding", pair(2, 2)).param("dilation", pair(2, 2))
                .input("input", rand(1, 3, 7, 7)).input("weight", rand(2, 3, 3, 3)).input("bias", rand(2)), CONV_TOL);
        add(GoldenCase.builder("conv2d", "groups2").note("groups=2, neither 1 nor the channel count")
                .param("groups", 2).param("padding", pair(1, 1))
                .input("input", rand(2, 4, 5, 5)).input("weight", rand(6, 2, 3, 3)).input("bias", rand(6)), CONV_TOL);
        add(GoldenCase.builder("conv2d", "depthwise_multiplier2").note("groups = in_channels with 2 outputs per group")
                .param("groups", 3).param("stride", pair(2, 2)).param("padding", pair(1, 1))
                .input("input", rand(1, 3, 6, 6)).input("weight", rand(6, 1, 3, 3)), CONV_TOL);
        for (String mode : new String[] {"zeros", "reflect", "replicate", "circular"}) {
            add(GoldenCase.builder("conv2d", "padding_mode_" + mode).note("padding_mode=" + mode + " with padding (1,2), stride 2")
                    .param("padding", pair(1, 2)).param("stride", pair(2, 2)).param("padding_mode", mode)
                    .input("input", rand(1, 2, 5, 6)).input("weight", rand(3, 2, 3, 3)).input("bias", rand(3)), CONV_TOL);
        }
        add(GoldenCase.builder("conv2d", "input_1x1").note("1x1 input, 3x3 kernel, padding 1: only the centre tap sees data")
                .param("padding", pair(1, 1))
                .input("input", rand(1, 4, 1, 1)).input("weight", rand(2, 4, 3, 3)).input("bias", rand(2)), CONV_TOL);
        add(GoldenCase.builder("conv2d", "kernel_wider_than_input").note("5x5 kernel on a 2x3 input with padding 2")
                .param("padding", pair(2, 2))
                .input("input", rand(1, 2, 2, 3)).input("weight", rand(2, 2, 5, 5)), CONV_TOL);
        add(GoldenCase.builder("conv2d", "stride_larger_than_kernel").note("1x1 kernel, stride 3: skipped cells")
                .param("stride", pair(3, 3))
                .input("input", rand(1, 3, 7, 8)).input("weight", rand(2, 3, 1, 1)).input("bias", rand(2)), CONV_TOL);
        add(GoldenCase.builder("conv2d", "backward_groups_stride").note("gradients of input, weight and bias; groups 2, stride 2, padding 1")
                .param("groups", 2).param("stride", pair(2, 2)).param("padding", pair(1, 1))
                .input("input", rand(2, 4, 5, 6)).input("weight", rand(4, 2, 3, 3)).input("bias", rand(4))
                .input("grad_output", rand(2, 4, 3, 3)).outputs("grad_input", "grad_weight", "grad_bias"), CONV_TOL);
        add(GoldenCase.builder("conv2d", "backward_reflect").note("gradient through reflect padding accumulates on mirrored cells")
                .param("padding", pair(2, 1)).param("padding_mode", "reflect")
                .input("input", rand(1, 2, 4, 5)).input("weight", rand(2, 2, 3, 3))
                .input("grad_output", rand(1, 2, 6, 5)).outputs("grad_input", "grad_weight"), CONV_TOL);
        add(GoldenCase.builder("conv1d", "same_even_kernel").note("conv1d padding='same' with kernel 4 and dilation 1")
                .param("padding", "same")
                .input("input", rand(2, 3, 9)).input("weight", rand(4, 3, 4)).input("bias", rand(4)), CONV_TOL);
        add(GoldenCase.builder("conv1d", "circular_groups").note("conv1d circular padding 2, groups 2, stride 2")
                .param("padding", 2).param("padding_mode", "circular").param("groups", 2).param("stride", 2)
                .input("input", rand(1, 4, 7)).input("weight", rand(2, 2, 3)), CONV_TOL);
        add(GoldenCase.builder("conv1d", "backward").note("conv1d gradients, dilation 2, padding 1")
                .param("padding", 1).param("dilation", 2)
                .input("input", rand(2, 2, 8)).input("weight", rand(3, 2, 3)).input("bias", rand(3))
                .input("grad_output", rand(2, 3, 6)).outputs("grad_input", "grad_weight", "grad_bias"), CONV_TOL);
        add(GoldenCase.builder("conv_transpose2d", "stride2_output_padding").note("stride 2, padding 1, output_padding 1")
                .param("stride", pair(2, 2)).param("padding", pair(1, 1)).param("output_padding", pair(1, 1))
                .input("input", rand(1, 3, 4, 3)).input("weight", rand(3, 2, 3, 3)).input("bias", rand(2)), CONV_TOL);
        add(GoldenCase.builder("conv_transpose2d", "output_padding_past_stride").note(
                        "output_padding 2 >= stride 1 is allowed because it is below dilation 3; the extra cells hold the bias")
                .param("output_padding", pair(2, 0)).param("dilation", pair(3, 1))
                .input("input", rand(1, 2, 3, 4)).input("weight", rand(2, 3, 2, 3)).input("bias", rand(3)), CONV_TOL);
        add(GoldenCase.builder("conv_transpose2d", "groups_dilation").note("groups 2, dilation 2, stride (2,1), padding (1,2)")
                .param("groups", 2).param("dilation", pair(2, 2)).param("stride", pair(2, 1)).param("padding", pair(1, 2))
                .input("input", rand(2, 4, 3, 4)).input("weight", rand(4, 1, 3, 3)), CONV_TOL);
        add(GoldenCase.builder("conv_transpose2d", "backward").note("gradients of a transposed convolution")
                .param("stride", pair(2, 2)).param("padding", pair(1, 0))
                .input("input", rand(1, 2, 3, 3)).input("weight", rand(2, 3, 3, 2)).input("bias", rand(3))
                .input("grad_output", rand(1, 3, 5, 6)).outputs("grad_input", "grad_weight", "grad_bias"), CONV_TOL);
    }

    private void pools() {
        add(GoldenCase.builder("max_pool2d", "ceil_window_in_right_padding").note(
                        "5x5, kernel 2, stride 2, padding 1, ceil: 3x3, not 4x4 (the 4th window would start in the right padding)")
                .param("kernel_size", pair(2, 2)).param("stride", pair(2, 2)).param("padding", pair(1, 1)).param("ceil_mode", true)
                .input("input", rand(1, 2, 5, 5)).outputs("output", "indices"), EXACT);
        add(GoldenCase.builder("max_pool2d", "ceil_extra_window").note("6x6, kernel 3, stride 2, ceil: a clipped 3rd window")
                .param("kernel_size", pair(3, 3)).param("stride", pair(2, 2)).param("ceil_mode", true)
                .input("input", rand(2, 1, 6, 6)).outputs("output", "indices"), EXACT);
        add(GoldenCase.builder("max_pool2d", "dilation_with_padding").note("kernel 3, dilation 2, padding 1, stride 1")
                .param("kernel_size", pair(3, 3)).param("stride", pair(1, 1)).param("padding", pair(1, 1)).param("dilation", pair(2, 2))
                .input("input", rand(1, 2, 7, 6)).outputs("output", "indices"), EXACT);
        Tensor nan = rand(1, 2, 4, 4);
        for (int i : new int[] {0, 5, 10, 19, 30}) nan.data()[i] = Float.NaN;
        nan.data()[7] = Float.NEGATIVE_INFINITY;
        nan.data()[12] = Float.POSITIVE_INFINITY;
        add(GoldenCase.builder("max_pool2d", "nan_in_windows").note("a NaN in a window wins (PyTorch); infinities compare normally")
                .param("kernel_size", pair(2, 2)).param("stride", pair(1, 1))
                .input("input", nan).outputs("output", "indices"), EXACT);
        add(GoldenCase.builder("max_pool2d", "ties_take_first").note("constant input: every index is the window's first cell")
                .param("kernel_size", pair(3, 2)).param("stride", pair(2, 1)).param("padding", pair(1, 1))
                .input("input", Tensor.full(0.5f, 1, 1, 5, 4)).outputs("output", "indices"), EXACT);
        add(GoldenCase.builder("max_pool2d", "input_1x1").note("1x1 input, kernel 1")
                .param("kernel_size", pair(1, 1))
                .input("input", rand(2, 3, 1, 1)).outputs("output", "indices"), EXACT);
        add(GoldenCase.builder("max_pool2d", "kernel_wider_than_input").note("kernel 4 on 2x3 with padding 2")
                .param("kernel_size", pair(4, 4)).param("stride", pair(1, 1)).param("padding", pair(2, 2))
                .input("input", rand(1, 2, 2, 3)).outputs("output", "indices"), EXACT);
        add(GoldenCase.builder("max_pool2d", "backward_overlapping").note("overlapping windows: gradients add up on shared maxima")
                .param("kernel_size", pair(3, 3)).param("stride", pair(1, 1)).param("padding", pair(1, 1))
                .input("input", rand(1, 2, 4, 5)).input("grad_output", rand(1, 2, 4, 5)), AVG_TOL);
        add(GoldenCase.builder("max_pool1d", "ceil_dilation").note("1-D: kernel 3, dilation 2, stride 2, padding 1, ceil")
                .param("kernel_size", 3).param("stride", 2).param("padding", 1).param("dilation", 2).param("ceil_mode", true)
                .input("input", rand(2, 2, 10)).outputs("output", "indices"), EXACT);
        add(GoldenCase.builder("max_pool1d", "backward").note("1-D max pool gradient, stride 1 overlaps")
                .param("kernel_size", 2).param("stride", 1)
                .input("input", rand(1, 3, 6)).input("grad_output", rand(1, 3, 5)), AVG_TOL);
        for (boolean include : new boolean[] {true, false}) {
            add(GoldenCase.builder("avg_pool2d", "ceil_count_include_pad_" + include).note(
                            "6x6, kernel 3, stride 2, padding 1, ceil, count_include_pad=" + include
                                    + ": the clipped last window's divisor")
                    .param("kernel_size", pair(3, 3)).param("stride", pair(2, 2)).param("padding", pair(1, 1))
                    .param("ceil_mode", true).param("count_include_pad", include)
                    .input("input", rand(1, 2, 6, 6)), AVG_TOL);
        }
        add(GoldenCase.builder("avg_pool2d", "ceil_window_in_right_padding").note("5x5, kernel 2, stride 2, padding 1, ceil: 3x3")
                .param("kernel_size", pair(2, 2)).param("stride", pair(2, 2)).param("padding", pair(1, 1)).param("ceil_mode", true)
                .input("input", rand(1, 1, 5, 5)), AVG_TOL);
        add(GoldenCase.builder("avg_pool2d", "divisor_override").note("divisor_override=3 replaces every window's divisor")
                .param("kernel_size", pair(2, 3)).param("stride", pair(2, 2)).param("padding", pair(1, 1))
                .param("divisor_override", 3)
                .input("input", rand(1, 2, 5, 5)), AVG_TOL);
        add(GoldenCase.builder("avg_pool2d", "kernel_wider_than_input").note(
                        "1x1 input, kernel 3, padding 1: divisor 9 with count_include_pad (PyTorch's default)")
                .param("kernel_size", pair(3, 3)).param("stride", pair(1, 1)).param("padding", pair(1, 1))
                .input("input", rand(2, 2, 1, 1)), AVG_TOL);
        add(GoldenCase.builder("avg_pool2d", "backward_ceil").note("gradient spread with the forward's divisors (ceil, include pad)")
                .param("kernel_size", pair(3, 3)).param("stride", pair(2, 2)).param("padding", pair(1, 1)).param("ceil_mode", true)
                .input("input", rand(1, 2, 6, 6)).input("grad_output", rand(1, 2, 4, 4)), AVG_TOL);
        add(GoldenCase.builder("avg_pool1d", "ceil_exclude_pad").note("1-D, kernel 3, stride 2, padding 1, ceil, count_include_pad=false")
                .param("kernel_size", 3).param("stride", 2).param("padding", 1).param("ceil_mode", true).param("count_include_pad", false)
                .input("input", rand(2, 2, 8)), AVG_TOL);
        add(GoldenCase.builder("adaptive_avg_pool2d", "non_divisible").note("7x5 to 3x4: overlapping windows")
                .param("output_size", pair(3, 4))
                .input("input", rand(2, 2, 7, 5)), AVG_TOL);
        add(GoldenCase.builder("adaptive_avg_pool2d", "upsample_from_1x1").note("1x1 to 3x2: every cell copies the input")
                .param("output_size", pair(3, 2))
                .input("input", rand(1, 3, 1, 1)), AVG_TOL);
        add(GoldenCase.builder("adaptive_avg_pool2d", "backward").note("gradient of 5x7 to 2x3")
                .param("output_size", pair(2, 3))
                .input("input", rand(1, 2, 5, 7)).input("grad_output", rand(1, 2, 2, 3)), AVG_TOL);
        Tensor anan = rand(1, 2, 5, 7);
        anan.data()[3] = Float.NaN;
        anan.data()[40] = Float.NaN;
        add(GoldenCase.builder("adaptive_max_pool2d", "nan_and_indices").note("5x7 to 2x3 with NaN cells: NaN wins, index points at it")
                .param("output_size", pair(2, 3))
                .input("input", anan).outputs("output", "indices"), EXACT);
        add(GoldenCase.builder("adaptive_max_pool2d", "backward").note("gradient of 6x4 to 4x3 (overlapping windows)")
                .param("output_size", pair(4, 3))
                .input("input", rand(1, 2, 6, 4)).input("grad_output", rand(1, 2, 4, 3)), AVG_TOL);
    }

    private void dense() {
        add(GoldenCase.builder("pad", "constant_value_and_crop").note("F.pad(x, (1, -1, 2, 0), value=-2.5): a negative pad crops")
                .param("pad", new int[] {1, -1, 2, 0}).param("value", -2.5)
                .input("input", rand(1, 2, 3, 4)), EXACT);
        for (String mode : new String[] {"reflect", "replicate", "circular"}) {
            add(GoldenCase.builder("pad", mode).note("F.pad(x, (2, 1, 1, 2), mode='" + mode + "')")
                    .param("pad", new int[] {2, 1, 1, 2}).param("mode", mode)
                    .input("input", rand(2, 1, 3, 4)), EXACT);
        }
        add(GoldenCase.builder("pad", "backward_reflect").note("gradient of reflect padding sums onto the mirrored cells")
                .param("pad", new int[] {2, 1, 1, 2}).param("mode", "reflect")
                .input("input", rand(1, 2, 3, 4)).input("grad_output", rand(1, 2, 6, 7)), SMOOTH_TOL);
        add(GoldenCase.builder("pad", "backward_replicate").note("gradient of replicate padding sums onto the edges")
                .param("pad", new int[] {1, 2, 2, 0}).param("mode", "replicate")
                .input("input", rand(1, 1, 3, 3)).input("grad_output", rand(1, 1, 5, 6)), SMOOTH_TOL);

        Tensor act = rand(-30f, 30f, 2, 3, 8);
        float[] special = {0f, -0f, 20f, -20f, 5f, 1e-8f, -1e-8f, 88f, -88f};
        System.arraycopy(special, 0, act.data(), 0, special.length);
        Object[][] acts = {{"relu", null, null}, {"leaky_relu", "negative_slope", 0.2}, {"elu", "alpha", 0.5},
                {"sigmoid", null, null}, {"tanh", null, null}, {"gelu", "approximate", "none"}, {"gelu", "approximate", "tanh"},
                {"silu", null, null}, {"softplus", "beta", 2.0}};
        for (Object[] a : acts) {
            String op = (String) a[0];
            String name = a[1] == null ? "range" : a[1] + "_" + a[2];
            GoldenCase.Builder f = GoldenCase.builder(op, name).note(op + " over [-30, 30] with 0, -0, the softplus threshold and exp overflow points");
            GoldenCase.Builder g = GoldenCase.builder(op, name + "_backward").note("gradient of " + op);
            if (a[1] != null) {
                f.param((String) a[1], a[2]);
                g.param((String) a[1], a[2]);
            }
            if (op.equals("softplus")) {
                f.param("threshold", 5.0);
                g.param("threshold", 5.0);
            }
            double[] tol = op.equals("relu") || op.equals("leaky_relu") ? EXACT : SMOOTH_TOL;
            add(f.input("input", act), tol);
            add(g.input("input", act).input("grad_output", rand(2, 3, 8)), tol);
        }

        add(GoldenCase.builder("linear", "with_bias").note("y = x W^T + b on [4, 7]")
                .input("input", rand(4, 7)).input("weight", rand(5, 7)).input("bias", rand(5)), CONV_TOL);
        add(GoldenCase.builder("linear", "rank3_no_bias").note("linear on [2, 3, 6] acts on the last dimension")
                .input("input", rand(2, 3, 6)).input("weight", rand(4, 6)), CONV_TOL);
        add(GoldenCase.builder("linear", "backward").note("gradients of input, weight and bias")
                .input("input", rand(3, 5)).input("weight", rand(2, 5)).input("bias", rand(2))
                .input("grad_output", rand(3, 2)).outputs("grad_input", "grad_weight", "grad_bias"), CONV_TOL);

        Tensor big = rand(-80f, 80f, 2, 3, 5);
        add(GoldenCase.builder("softmax", "dim1_large_values").note("softmax over dim 1 of values in [-80, 80]: needs the max shift")
                .param("dim", 1).input("input", big), SMOOTH_TOL);
        add(GoldenCase.builder("softmax", "last_dim_backward").note("softmax gradient along dim -1")
                .param("dim", -1).input("input", rand(-4f, 4f, 3, 6)).input("grad_output", rand(3, 6)), SMOOTH_TOL);
        add(GoldenCase.builder("log_softmax", "dim0_large_values").note("log_softmax over dim 0 of values in [-80, 80]")
                .param("dim", 0).input("input", big), LOSS_TOL);
        add(GoldenCase.builder("log_softmax", "backward").note("log_softmax gradient along dim 1")
                .param("dim", 1).input("input", rand(-4f, 4f, 2, 5, 3)).input("grad_output", rand(2, 5, 3)), LOSS_TOL);

        add(GoldenCase.builder("cross_entropy", "mean_weights_ignore_index").note(
                        "mean divides by the weights of targets not ignored (one target is ignore_index 1)")
                .param("ignore_index", 1).input("input", rand(-3f, 3f, 5, 4)).target(new long[] {0, 1, 3, 2, 1}, 5)
                .input("weight", rand(0.5f, 2f, 4)), LOSS_TOL);
        add(GoldenCase.builder("cross_entropy", "label_smoothing_sum").note("label_smoothing 0.2 with reduction sum")
                .param("reduction", "sum").param("label_smoothing", 0.2)
                .input("input", rand(-3f, 3f, 4, 6)).target(new long[] {5, 0, 2, 2}, 4), LOSS_TOL);
        add(GoldenCase.builder("cross_entropy", "spatial_none").note("[N, C, d1, d2] logits, reduction none: a loss per position")
                .param("reduction", "none")
                .input("input", rand(-3f, 3f, 2, 3, 2, 2)).target(new long[] {0, 1, 2, 0, 2, 2, 1, 0}, 2, 2, 2), LOSS_TOL);
        add(GoldenCase.builder("cross_entropy", "probability_targets").note(
                        "float class-probability targets with weights and label smoothing 0.1: mean divides by N, not the weights")
                .param("label_smoothing", 0.1).input("input", rand(-3f, 3f, 3, 5)).input("target", rand(0f, 1f, 3, 5))
                .input("weight", rand(0.5f, 2f, 5)), LOSS_TOL);
        add(GoldenCase.builder("cross_entropy", "probability_targets_backward").note("gradient with probability targets, reduction none")
                .param("reduction", "none").input("input", rand(-3f, 3f, 2, 3, 2)).input("target", rand(0f, 1f, 2, 3, 2))
                .input("grad_output", rand(2, 2)), LOSS_TOL);
        add(GoldenCase.builder("cross_entropy", "backward_smoothing_weights").note("gradient with label smoothing 0.1 and class weights")
                .param("label_smoothing", 0.1).input("input", rand(-3f, 3f, 3, 4)).target(new long[] {3, 0, 1}, 3)
                .input("weight", rand(0.5f, 2f, 4)).input("grad_output", Tensor.scalar(1.5f)), LOSS_TOL);
    }
}
