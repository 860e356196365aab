package dev.stride.bench.cli;

import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.nn.io.NpyFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./stride eval OP --input x.npy ... --out y.npy}: evaluates one op on NumPy files with PyTorch's
 * argument names (dashes for underscores) and defaults, forward or, with {@code --grad-out}, backward.
 *
 * <p>Errors (exit code 2, one line naming the file or option, no output file written): a malformed,
 * truncated, Fortran-order or wrongly typed {@code .npy} file, an unknown option, or shapes and parameters
 * that do not fit the op (the parameter records' messages).
 */
final class EvalCommand implements Command {
    /** What an op does with its {@link EvalContext}. */
    interface Body {
        void run(EvalContext c) throws IOException;
    }

    record Op(String name, Set<String> options, Body body) {}

    private static final List<String> COMMON = List.of("input", "out", "engine", "grad-out", "grad-input-out");
    private static final List<String> CONV = List.of("weight", "bias", "stride", "padding", "dilation", "groups",
            "grad-weight-out", "grad-bias-out");

    /** Every op, by PyTorch's functional name. */
    static final Map<String, Op> OPS = new LinkedHashMap<>();

    static {
        op("conv2d", EvalConv::conv2d, CONV, "padding-mode");
        op("conv1d", EvalConv::conv1d, CONV, "padding-mode");
        op("conv_transpose2d", EvalConv::convTranspose2d, CONV, "output-padding");
        op("max_pool2d", EvalPool::maxPool2d, List.of("kernel-size", "stride", "padding", "dilation", "ceil-mode", "indices-out"));
        op("max_pool1d", EvalPool::maxPool1d, List.of("kernel-size", "stride", "padding", "dilation", "ceil-mode", "indices-out"));
        op("avg_pool2d", EvalPool::avgPool2d, List.of("kernel-size", "stride", "padding", "ceil-mode", "count-include-pad",
                "divisor-override"));
        op("avg_pool1d", EvalPool::avgPool1d, List.of("kernel-size", "stride", "padding", "ceil-mode", "count-include-pad"));
        op("adaptive_avg_pool2d", EvalPool::adaptiveAvgPool2d, List.of("output-size"));
        op("adaptive_max_pool2d", EvalPool::adaptiveMaxPool2d, List.of("output-size", "indices-out"));
        op("pad", EvalDense::pad, List.of("pad", "mode", "value"));
        op("relu", EvalDense::activationOp, List.of());
        op("leaky_relu", EvalDense::activationOp, List.of("negative-slope"));
        op("elu", EvalDense::activationOp, List.of("alpha"));
        op("sigmoid", EvalDense::activationOp, List.of());
        op("tanh", EvalDense::activationOp, List.of());
        op("gelu", EvalDense::activationOp, List.of("approximate"));
        op("silu", EvalDense::activationOp, List.of());
        op("softplus", EvalDense::activationOp, List.of("beta", "threshold"));
        op("linear", EvalDense::linear, List.of("weight", "bias", "grad-weight-out", "grad-bias-out"));
        op("softmax", EvalDense::softmax, List.of("dim"));
        op("log_softmax", EvalDense::softmax, List.of("dim"));
        op("cross_entropy", EvalDense::crossEntropy, List.of("target", "weight", "reduction", "label-smoothing", "ignore-index"));
    }

    private static void op(String name, Body body, List<String> options, String... more) {
        Set<String> all = new LinkedHashSet<>(COMMON);
        all.addAll(options);
        all.addAll(List.of(more));
        OPS.put(name, new Op(name, all, body));
    }

    static final Args.Spec SPEC = Args.spec("eval")
            .positional("op", String.join(" | ", OPS.keySet()))
            .summary("Evaluates one op on NumPy .npy files with PyTorch's argument names and defaults; with --grad-out,\n"
                    + "its backward pass. Pairs (--stride 2,1) are height,width; one value serves both.")
            .option("input", "x.npy", "the input (logits for cross_entropy); float32 or float64, C order")
            .option("weight", "w.npy", "conv/linear weight, or cross_entropy's per-class weights")
            .option("bias", "b.npy", "conv/linear bias (absent: no bias)")
            .option("target", "t.npy", "cross_entropy class indices, int64 or int32")
            .option("out", "y.npy", "where the output goes (float32)")
            .option("indices-out", "i.npy", "max-pool indices, PyTorch's (int64, flat within each H*W plane)")
            .option("engine", "vector|reference", "the kernels (default vector)")
            .option("grad-out", "g.npy", "gradient of the output: runs the backward pass")
            .option("grad-input-out", "gx.npy", "gradient of the input")
            .option("grad-weight-out", "gw.npy", "gradient of the weight")
            .option("grad-bias-out", "gb.npy", "gradient of the bias")
            .option("stride", "s|sh,sw", "default 1 (pools: kernel_size)")
            .option("padding", "p|ph,pw|t,b,l,r|same|valid", "conv2d; conv1d takes p|l,r|same|valid, pools p|ph,pw")
            .option("dilation", "d|dh,dw", "default 1")
            .option("groups", "g", "default 1")
            .option("padding-mode", "zeros|reflect|replicate|circular", "conv padding mode (default zeros)")
            .option("output-padding", "p|ph,pw", "conv_transpose2d (default 0)")
            .option("kernel-size", "k|kh,kw", "pool window (required for pools)")
            .bool("ceil-mode", "ceil instead of floor for the output size")
            .bool("count-include-pad", "avg pool divides by the window including padding (default true)")
            .option("divisor-override", "n", "avg_pool2d divisor instead of the window size")
            .option("output-size", "s|h,w", "adaptive pools; none keeps that input size")
            .option("pad", "l,r|l,r,t,b", "pad amounts of the last two dimensions (F.pad order)")
            .option("mode", "constant|reflect|replicate|circular", "pad mode (default constant)")
            .option("value", "v", "pad constant value (default 0)")
            .option("negative-slope", "a", "leaky_relu (default 0.01)")
            .option("alpha", "a", "elu (default 1)")
            .option("approximate", "none|tanh", "gelu (default none)")
            .option("beta", "b", "softplus (default 1)")
            .option("threshold", "t", "softplus (default 20)")
            .option("dim", "d", "softmax/log_softmax dimension")
            .option("reduction", "mean|sum|none", "cross_entropy (default mean)")
            .option("label-smoothing", "s", "cross_entropy (default 0)")
            .option("ignore-index", "i", "cross_entropy (default -100)");

    @Override public String name() { return "eval"; }

    @Override public String summary() { return "evaluate one op on .npy files (PyTorch names and defaults), forward or backward"; }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Args args = SPEC.parse(argv);
        if (args.helpRequested()) {
            out.print(SPEC.help());
            return 0;
        }
        if (args.positionals().size() != 1) {
            throw new IllegalArgumentException("give exactly one op (" + String.join(", ", OPS.keySet()) + "), got "
                    + args.positionals());
        }
        Op op = OPS.get(args.positional(0));
        if (op == null) {
            throw new IllegalArgumentException("unknown op '" + args.positional(0) + "' (ops: " + String.join(", ", OPS.keySet()) + ")");
        }
        args.onlyAllow(op.options(), op.name());
        Ops engine;
        try {
            engine = Stride.engine(args.string("engine", "vector"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option --engine: " + e.getMessage());
        }
        EvalContext c = new EvalContext(op.name(), args, engine);
        try {
            op.body().run(c);
        } catch (NpyFormatException e) {
            err.println("stride eval: " + e.getMessage());
            return 2;
        }
        c.commit();
        return 0;
    }
}
