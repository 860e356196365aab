package dev.stride.bench.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./stride explain <op> [options]}: the output shape of one op, the conv_arithmetic behind it, the
 * weight shape, parameter count and FLOPs, and for a small input an ASCII picture of the cells the first
 * windows cover. Options follow PyTorch's names; every number comes from the op's parameter record in
 * vector-core, so what this prints is what the kernels compute.
 *
 * <p>Errors: a bad option or value is an {@link IllegalArgumentException} naming it (exit code 2).
 */
final class ExplainCommand implements Command {
    private interface Printer { void print(ExplainOptions o, PrintStream out); }

    private record Op(Printer printer, Set<String> options) {}

    private static final Set<String> CONV2D = Set.of("input", "out-channels", "kernel", "stride", "padding", "dilation",
            "groups", "padding-mode", "no-bias");
    private static final Set<String> CONV_T = Set.of("input", "out-channels", "kernel", "stride", "padding", "dilation",
            "groups", "output-padding", "no-bias");
    private static final Set<String> MAX_POOL = Set.of("input", "kernel", "stride", "padding", "dilation", "ceil-mode");
    private static final Set<String> AVG_POOL2D = Set.of("input", "kernel", "stride", "padding", "ceil-mode",
            "count-include-pad", "divisor-override");
    private static final Set<String> AVG_POOL1D = Set.of("input", "kernel", "stride", "padding", "ceil-mode",
            "count-include-pad");
    private static final Set<String> ADAPTIVE = Set.of("input", "output-size");

    private static final Map<String, Op> OPS = new LinkedHashMap<>();

    static {
        OPS.put("conv2d", new Op(ExplainConv::conv2d, CONV2D));
        OPS.put("conv1d", new Op(ExplainConv::conv1d, CONV2D));
        OPS.put("conv_transpose2d", new Op(ExplainConv::convTranspose2d, CONV_T));
        OPS.put("max_pool2d", new Op(ExplainPool::maxPool2d, MAX_POOL));
        OPS.put("avg_pool2d", new Op(ExplainPool::avgPool2d, AVG_POOL2D));
        OPS.put("max_pool1d", new Op(ExplainPool::maxPool1d, MAX_POOL));
        OPS.put("avg_pool1d", new Op(ExplainPool::avgPool1d, AVG_POOL1D));
        OPS.put("adaptive_avg_pool2d", new Op((o, out) -> ExplainPool.adaptive(o, out, false), ADAPTIVE));
        OPS.put("adaptive_max_pool2d", new Op((o, out) -> ExplainPool.adaptive(o, out, true), ADAPTIVE));
    }

    static final Args.Spec SPEC = Args.spec("explain")
            .summary("""
                    The output shape of one op, the arithmetic that gives it (conv_arithmetic), weights, parameters and
                    FLOPs, and for a small input (up to 16x16, or 32 long) a picture of the cells the first windows cover.
                    Options take PyTorch's names; a pair is height,width and a single value means both.

                    examples:
                      ./stride explain conv2d --input 1,3,224,224 --out-channels 64 --kernel 7 --stride 2 --padding 3
                      ./stride explain conv2d --input 1,1,5,5 --out-channels 1 --kernel 3 --stride 2 --padding 1
                      ./stride explain max_pool2d --input 1,64,112,112 --kernel 3 --stride 2 --padding 1
                      ./stride explain avg_pool2d --input 1,1,5,5 --kernel 2 --ceil-mode --count-include-pad false
                      ./stride explain adaptive_avg_pool2d --input 1,512,7,7 --output-size 1""")
            .positional("op", "conv2d, conv1d, conv_transpose2d, max_pool2d, avg_pool2d, max_pool1d,\n"
                    + " ".repeat(31) + "avg_pool1d, adaptive_avg_pool2d, adaptive_max_pool2d")
            .option("input", "N,C,H,W | N,C,L", "input shape (required; N,C,L for the 1-D ops)")
            .option("out-channels", "n", "convolutions: output channels (required)")
            .option("kernel", "k | kh,kw", "kernel size (required except for the adaptive pools)").alias("kernel-size")
            .option("stride", "s | sh,sw", "default 1 for convolutions, the kernel for pools")
            .option("padding", "p | ph,pw | t,b,l,r | same | valid",
                    "default 0; conv2d takes every form, conv1d p | l,r | same | valid, the others p | ph,pw")
            .option("dilation", "d | dh,dw", "convolutions and max pools; default 1")
            .option("groups", "g", "convolutions; default 1")
            .option("padding-mode", "zeros|reflect|replicate|circular", "conv2d, conv1d; default zeros")
            .option("output-padding", "p | ph,pw", "conv_transpose2d; default 0 (must be < stride or dilation)")
            .bool("ceil-mode", "pools: round the output size up (default false)")
            .bool("count-include-pad", "avg pools: padding counts in the divisor (default true)")
            .option("divisor-override", "n", "avg_pool2d: divide every window's sum by n")
            .option("output-size", "s | h,w", "adaptive pools: output size (required)")
            .flag("no-bias", "convolutions: no bias (default: bias)");

    @Override public String name() { return "explain"; }

    @Override public String summary() { return "output shape, the arithmetic behind it, FLOPs and a picture of the windows"; }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) {
        Args args = SPEC.parse(argv);
        if (args.helpRequested()) {
            out.print(SPEC.help());
            return 0;
        }
        String name = args.positional(0);
        if (name == null) {
            throw new IllegalArgumentException("missing <op>: one of " + String.join(", ", OPS.keySet())
                    + " (./stride explain --help)");
        }
        if (args.positionals().size() > 1) {
            throw new IllegalArgumentException("unexpected argument '" + args.positional(1) + "' after the op " + name);
        }
        Op op = OPS.get(name);
        if (op == null) {
            throw new IllegalArgumentException("unknown op '" + name + "': one of " + String.join(", ", OPS.keySet()));
        }
        args.onlyAllow(op.options(), name);
        op.printer().print(new ExplainOptions(args, name), out);
        return 0;
    }
}
