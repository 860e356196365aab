package dev.stride.bench.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.stride.core.*;
import dev.stride.nn.io.NpyArray;
import dev.stride.nn.io.NpyReader;
import dev.stride.nn.io.NpyWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./stride eval}: each op's options map to the parameters PyTorch would use (checked against the
 * reference called directly with hand-built records), backward passes, and the error contract: exit 2,
 * one line naming the file or option, no output written.
 */
class EvalCommandTest {
    @TempDir Path dir;
    private final Ops ref = Stride.reference();

    private Path save(String name, Tensor t) throws IOException {
        Path p = dir.resolve(name);
        NpyWriter.writeFloat32(p, t);
        return p;
    }

    private Path saveLongs(String name, long[] v, int... shape) throws IOException {
        Path p = dir.resolve(name);
        NpyWriter.writeInt64(p, v, shape);
        return p;
    }

    private Tensor load(String name) throws IOException { return NpyReader.read(dir.resolve(name)).toTensor(); }

    private CliRun eval(String... args) {
        List<String> a = new ArrayList<>(List.of("eval"));
        for (String s : args) a.add(s.endsWith(".npy") ? dir.resolve(s).toString() : s);
        return CliRun.of(a.toArray(String[]::new));
    }

    private static void ok(CliRun r) { assertEquals(0, r.code(), () -> "stderr: " + r.err()); }

    private static void assertSame(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        assertTrue(actual.allClose(expected, 1e-6f, 1e-5f), () -> "expected " + expected + " got " + actual);
    }

    private Tensor x, w, b;

    @BeforeEach
    void inputs() throws IOException {
        x = Tensor.uniform(1, -1, 1, 2, 4, 7, 6);
        w = Tensor.uniform(2, -1, 1, 6, 2, 3, 2);
        b = Tensor.uniform(3, -1, 1, 6);
        save("x.npy", x);
        save("w.npy", w);
        save("b.npy", b);
    }

    @Test
    void conv2dOptionsMapToPyTorchParameters() throws IOException {
        ok(eval("conv2d", "--input", "x.npy", "--weight", "w.npy", "--bias", "b.npy", "--stride", "2,1", "--padding", "1,0,2,1",
                "--dilation", "2,1", "--groups", "2", "--padding-mode", "circular", "--out", "y.npy"));
        Conv2dParams p = new Conv2dParams(4, 6, 3, 2, 2, 1, new Padding2d(1, 0, 2, 1), PaddingMode.CIRCULAR, 2, 1, 2, true);
        assertSame(ref.conv2d(x, w, b, p), load("y.npy"));

        ok(eval("conv2d", "--input", "x.npy", "--weight", "w.npy", "--groups", "2", "--padding", "same", "--out", "s.npy",
                "--engine", "reference"));
        Conv2dParams same = Conv2dParams.builder(4, 6, 3, 2).groups(2).bias(false).same().build();
        assertSame(ref.conv2d(x, w, null, same), load("s.npy"));
        assertArrayEquals(new int[] {2, 6, 7, 6}, load("s.npy").shape());
    }

    @Test
    void conv2dBackwardWritesEveryGradient() throws IOException {
        Conv2dParams p = Conv2dParams.builder(4, 6, 3, 2).groups(2).padding(1).build();
        Tensor g = Tensor.uniform(4, -1, 1, p.outputShape(x.shape()));
        save("g.npy", g);
        ok(eval("conv2d", "--input", "x.npy", "--weight", "w.npy", "--bias", "b.npy", "--groups", "2", "--padding", "1",
                "--grad-out", "g.npy", "--grad-input-out", "gx.npy", "--grad-weight-out", "gw.npy", "--grad-bias-out", "gb.npy"));
        ConvGradients e = ref.conv2dBackward(x, w, g, p);
        assertSame(e.gradInput(), load("gx.npy"));
        assertSame(e.gradWeight(), load("gw.npy"));
        assertSame(e.gradBias(), load("gb.npy"));
        assertFalse(Files.exists(dir.resolve("y.npy")), "no --out, no forward file");
    }

    @Test
    void unbatchedInputIsABatchOfOne() throws IOException {
        Tensor one = Tensor.uniform(5, -1, 1, 4, 7, 6);
        save("one.npy", one);
        ok(eval("max_pool2d", "--input", "one.npy", "--kernel-size", "3", "--stride", "2", "--padding", "1", "--out", "m.npy"));
        Tensor expected = ref.maxPool2d(one.reshape(1, 4, 7, 6), MaxPool2dParams.of(3, 2, 1));
        assertSame(expected.reshape(4, 4, 3), load("m.npy"));
    }

    @Test
    void poolsWithIndicesAndAverageOptions() throws IOException {
        ok(eval("max_pool2d", "--input", "x.npy", "--kernel-size", "3,2", "--padding", "1", "--dilation", "2,1", "--ceil-mode",
                "--out", "m.npy", "--indices-out", "i.npy"));
        MaxPool2dParams mp = new MaxPool2dParams(3, 2, 3, 2, 1, 1, 2, 1, true);
        MaxPoolResult r = ref.maxPool2dWithIndices(x, mp);
        assertSame(r.output(), load("m.npy"));
        NpyArray idx = NpyReader.read(dir.resolve("i.npy"));
        assertEquals("<i8", idx.dtype().descr());
        assertArrayEquals(r.output().shape(), idx.shape());
        assertArrayEquals(r.indices(), idx.longs());

        ok(eval("avg_pool2d", "--input", "x.npy", "--kernel-size", "3", "--stride", "2", "--padding", "1", "--ceil-mode",
                "--count-include-pad", "false", "--out", "a.npy"));
        assertSame(ref.avgPool2d(x, new AvgPool2dParams(3, 3, 2, 2, 1, 1, true, false, 0)), load("a.npy"));
        ok(eval("avg_pool2d", "--input", "x.npy", "--kernel-size", "2", "--divisor-override", "3", "--out", "d.npy"));
        assertSame(ref.avgPool2d(x, new AvgPool2dParams(2, 2, 2, 2, 0, 0, false, true, 3)), load("d.npy"));

        ok(eval("adaptive_avg_pool2d", "--input", "x.npy", "--output-size", "none,2", "--out", "an.npy"));
        assertSame(ref.adaptiveAvgPool2d(x, new AdaptivePool2dParams(7, 2)), load("an.npy"));
        ok(eval("adaptive_max_pool2d", "--input", "x.npy", "--output-size", "3,4", "--out", "am.npy", "--indices-out", "ai.npy"));
        MaxPoolResult ar = ref.adaptiveMaxPool2d(x, new AdaptivePool2dParams(3, 4));
        assertSame(ar.output(), load("am.npy"));
        assertArrayEquals(ar.indices(), NpyReader.read(dir.resolve("ai.npy")).longs());

        Tensor l = Tensor.uniform(6, -1, 1, 2, 3, 9);
        save("l.npy", l);
        ok(eval("avg_pool1d", "--input", "l.npy", "--kernel-size", "4", "--stride", "3", "--padding", "2", "--out", "a1.npy"));
        assertSame(ref.avgPool1d(l, new AvgPool1dParams(4, 3, 2, false, true, 0)), load("a1.npy"));
    }

    @Test
    void padActivationsLinearSoftmax() throws IOException {
        ok(eval("pad", "--input", "x.npy", "--pad", "1,2,0,3", "--mode", "reflect", "--out", "p.npy"));
        assertSame(ref.pad(x, Pad2dParams.of(1, 2, 0, 3, PadMode.REFLECT)), load("p.npy"));
        ok(eval("pad", "--input", "x.npy", "--pad", "-1,2", "--value", "2.5", "--out", "c.npy"));
        assertSame(ref.pad(x, Pad2dParams.constant(-1, 2, 0, 0, 2.5f)), load("c.npy"));

        ok(eval("leaky_relu", "--input", "x.npy", "--negative-slope", "0.3", "--out", "lr.npy"));
        assertSame(ref.activation(x, Activation.leakyRelu(0.3f)), load("lr.npy"));
        ok(eval("gelu", "--input", "x.npy", "--approximate", "tanh", "--out", "ge.npy"));
        assertSame(ref.activation(x, Activation.geluTanh()), load("ge.npy"));
        ok(eval("softplus", "--input", "x.npy", "--beta", "2", "--threshold", "1", "--out", "sp.npy"));
        assertSame(ref.activation(x, Activation.softplus(2f, 1f)), load("sp.npy"));

        Tensor lw = Tensor.uniform(7, -1, 1, 5, 6);
        save("lw.npy", lw);
        ok(eval("linear", "--input", "x.npy", "--weight", "lw.npy", "--out", "li.npy"));
        assertSame(ref.linear(x, lw, null), load("li.npy"));

        ok(eval("log_softmax", "--input", "x.npy", "--dim", "-2", "--out", "ls.npy"));
        assertSame(ref.logSoftmax(x, -2), load("ls.npy"));
        ok(eval("softmax", "--input", "x.npy", "--out", "sm.npy"));
        assertSame(ref.softmax(x, 1), load("sm.npy"), "PyTorch's implicit dim for rank 4 is 1");
    }

    private static void assertSame(Tensor e, Tensor a, String why) {
        assertTrue(a.sameShape(e) && a.allClose(e, 1e-6f, 1e-5f), why);
    }

    @Test
    void crossEntropyWithTargetsWeightsAndOptions() throws IOException {
        Tensor logits = Tensor.uniform(8, -3, 3, 4, 5);
        save("lg.npy", logits);
        saveLongs("t.npy", new long[] {0, 4, -100, 2}, 4);
        Tensor cw = Tensor.uniform(9, 0.5f, 2, 5);
        save("cw.npy", cw);
        ok(eval("cross_entropy", "--input", "lg.npy", "--target", "t.npy", "--weight", "cw.npy", "--label-smoothing", "0.1",
                "--out", "ce.npy"));
        CrossEntropyParams p = new CrossEntropyParams(Reduction.MEAN, 0.1f, -100, cw.data());
        int[] t = {0, 4, -100, 2};
        Tensor e = ref.crossEntropy(logits, t, p);
        Tensor got = load("ce.npy");
        assertArrayEquals(new int[0], got.shape());
        assertEquals(e.data()[0], got.data()[0], 1e-6f);

        ok(eval("cross_entropy", "--input", "lg.npy", "--target", "t.npy", "--reduction", "none", "--out", "cen.npy"));
        assertSame(ref.crossEntropy(logits, t, CrossEntropyParams.defaults().withReduction(Reduction.NONE)), load("cen.npy"));

        save("g0.npy", Tensor.scalar(2f));
        ok(eval("cross_entropy", "--input", "lg.npy", "--target", "t.npy", "--grad-out", "g0.npy", "--grad-input-out", "gl.npy"));
        assertSame(ref.crossEntropyBackward(logits, t, Tensor.scalar(2f), CrossEntropyParams.defaults()), load("gl.npy"));

        saveLongs("bad.npy", new long[] {0, 5, 1, 1}, 4);
        CliRun r = eval("cross_entropy", "--input", "lg.npy", "--target", "bad.npy", "--out", "no.npy");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("value 5 at flat position 1"), r.err());
        CliRun f = eval("cross_entropy", "--input", "lg.npy", "--target", "cw.npy", "--out", "no.npy");
        assertEquals(2, f.code());
        assertTrue(f.err().contains("class probabilities must have the input's shape"), f.err());
        assertFalse(Files.exists(dir.resolve("no.npy")));
    }

    /**
     * Probability targets: with one-hot targets, no smoothing and weights, the loss equals the class-index
     * loss (PyTorch's two forms agree there except that mean divides by N, not by the weights).
     */
    @Test
    void crossEntropyWithClassProbabilities() throws IOException {
        Tensor logits = Tensor.uniform(10, -3, 3, 3, 4, 2);
        save("lp.npy", logits);
        int[] t = {0, 3, 2, 2, 1, 0};
        Tensor oneHot = Tensor.zeros(3, 4, 2);
        for (int b = 0; b < 3; b++) for (int i = 0; i < 2; i++) oneHot.set(1f, b, t[b * 2 + i], i);
        save("oh.npy", oneHot);
        for (String red : new String[] {"mean", "sum", "none"}) {
            ok(eval("cross_entropy", "--input", "lp.npy", "--target", "oh.npy", "--reduction", red, "--label-smoothing", "0.3",
                    "--out", "p_" + red + ".npy"));
            CrossEntropyParams p = new CrossEntropyParams(Reduction.parse(red), 0.3f, -100, null);
            Tensor e = ref.crossEntropy(logits, t, p);
            assertSame(e.reshape(load("p_" + red + ".npy").shape()), load("p_" + red + ".npy"));
        }
        save("gs.npy", Tensor.scalar(0.7f));
        ok(eval("cross_entropy", "--input", "lp.npy", "--target", "oh.npy", "--label-smoothing", "0.3", "--grad-out", "gs.npy",
                "--grad-input-out", "gp.npy"));
        assertSame(ref.crossEntropyBackward(logits, t, Tensor.scalar(0.7f), new CrossEntropyParams(Reduction.MEAN, 0.3f, -100, null)),
                load("gp.npy"));
        // soft targets: finite differences of the summed loss give the gradient
        Tensor soft = Tensor.uniform(11, 0, 1, 3, 4, 2);
        save("soft.npy", soft);
        save("one.npy", Tensor.scalar(1f));
        ok(eval("cross_entropy", "--input", "lp.npy", "--target", "soft.npy", "--reduction", "sum", "--grad-out", "one.npy",
                "--grad-input-out", "gsoft.npy", "--out", "lsoft.npy", "--engine", "reference"));
        Tensor grad = load("gsoft.npy");
        for (int i = 0; i < logits.size(); i += 5) {
            double h = 1e-2;
            Tensor plus = logits.copy(), minus = logits.copy();
            plus.data()[i] += (float) h;
            minus.data()[i] -= (float) h;
            save("plus.npy", plus);
            save("minus.npy", minus);
            ok(eval("cross_entropy", "--input", "plus.npy", "--target", "soft.npy", "--reduction", "sum", "--out", "lp1.npy"));
            ok(eval("cross_entropy", "--input", "minus.npy", "--target", "soft.npy", "--reduction", "sum", "--out", "lm1.npy"));
            double fd = (load("lp1.npy").data()[0] - load("lm1.npy").data()[0]) / (plus.data()[i] - minus.data()[i]);
            assertEquals(fd, grad.data()[i], 2e-3, "d loss / d x[" + i + "]");
        }
    }

    /** Every error: exit 2, exactly one line on stderr naming the culprit, nothing written, an existing file untouched. */
    private void fails(String culprit, String... args) throws IOException {
        Path out = dir.resolve("out.npy");
        Files.writeString(out, "keep");
        CliRun r = eval(args);
        assertEquals(2, r.code(), () -> Arrays.toString(args) + " -> " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(culprit), () -> "'" + culprit + "' not in: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("keep", Files.readString(out));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void errorsAreOneLineExitTwoAndWriteNothing() throws IOException {
        byte[] good = Files.readAllBytes(dir.resolve("x.npy"));
        Files.write(dir.resolve("cut.npy"), Arrays.copyOf(good, good.length - 3));
        fails("cut.npy: truncated", "conv2d", "--input", "cut.npy", "--weight", "w.npy", "--out", "out.npy");
        saveLongs("ints.npy", new long[] {1, 2}, 2);
        fails("ints.npy", "relu", "--input", "ints.npy", "--out", "out.npy");
        fails("missing.npy: no such file", "relu", "--input", "missing.npy", "--out", "out.npy");
        fails("groups", "conv2d", "--input", "x.npy", "--weight", "w.npy", "--groups", "3", "--out", "out.npy");
        fails("weight has shape", "conv2d", "--input", "x.npy", "--weight", "w.npy", "--out", "out.npy");
        fails("--stride", "max_pool2d", "--input", "x.npy", "--kernel-size", "2", "--stride", "x", "--out", "out.npy");
        fails("padding", "max_pool2d", "--input", "x.npy", "--kernel-size", "2", "--padding", "2", "--out", "out.npy");
        fails("--weight does not apply", "relu", "--input", "x.npy", "--weight", "w.npy", "--out", "out.npy");
        save("v.npy", Tensor.uniform(9, -1, 1, 7));
        fails("needs a 2-D or 3-D input", "pad", "--input", "v.npy", "--pad", "1,1", "--mode", "reflect", "--out", "out.npy");
        fails("unknown op", "conv3d", "--input", "x.npy", "--out", "out.npy");
        fails("--out", "relu", "--input", "x.npy");
        fails("--grad-out", "relu", "--input", "x.npy", "--grad-input-out", "out.npy");
        fails("grad-out has shape", "relu", "--input", "x.npy", "--grad-out", "b.npy", "--grad-input-out", "out.npy");
        fails("--grad-bias-out", "conv2d", "--input", "x.npy", "--weight", "w.npy", "--groups", "2", "--grad-out", "x.npy",
                "--grad-bias-out", "out.npy");
        fails("--engine", "relu", "--input", "x.npy", "--engine", "gpu", "--out", "out.npy");
        fails("same file", "max_pool2d", "--input", "x.npy", "--kernel-size", "2", "--out", "out.npy", "--indices-out", "out.npy");
        // a late failure (the backward's grad-out shape) must not leave the forward's --out behind either
        fails("grad-out", "max_pool2d", "--input", "x.npy", "--kernel-size", "2", "--out", "out.npy", "--grad-out", "x.npy",
                "--grad-input-out", "gx.npy");
        assertFalse(Files.exists(dir.resolve("gx.npy")));
    }

    @Test
    void helpListsEveryOp() {
        CliRun r = CliRun.of("eval", "--help");
        assertEquals(0, r.code());
        for (String op : EvalCommand.OPS.keySet()) assertTrue(r.out().contains(op), op);
    }
}
