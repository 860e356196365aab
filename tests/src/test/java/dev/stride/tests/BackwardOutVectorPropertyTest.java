package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.stride.core.Conv2dParams;
import dev.stride.core.ConvGradients;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The out= backward variants ({@code conv2dBackward(.., ConvGradients out)}, {@code linearBackward(.., out)},
 * {@code maxPool2dBackward(.., out)}): on both engines, writing into tensors that hold NaN gives bitwise the
 * allocating call's gradients (so nothing is added to what was there), twice in a row; a null gradInput
 * skips the input gradient; a null, misshapen, missing or aliased tensor is an
 * {@code IllegalArgumentException} naming it. The allocating calls are checked against the reference by
 * the other suites.
 */
class BackwardOutVectorPropertyTest {
    private static final Ops[] ENGINES = {Stride.vector(1), Stride.vector(2), Stride.reference()};

    private static Tensor nans(int... shape) {
        Tensor t = Tensor.zeros(shape);
        Arrays.fill(t.data(), Float.NaN);
        return t;
    }

    private static void same(Tensor expected, Tensor got, String what) {
        if (expected == null) {
            assertNull(got, what);
            return;
        }
        assertTrue(got.bitwiseEquals(expected), what + ": max diff " + got.maxAbsDiff(expected));
    }

    @Test
    void convBackwardIntoOutEqualsTheAllocatingCall() {
        qt().withExamples(40).forAll(ConvCaseGen.conv2d(), integers().between(0, 1)).checkAssert((c, skipInput) -> {
            Conv2dParams p = c.params();
            Tensor x = c.input(), w = c.weight(), g = c.gradOutput();
            boolean need = skipInput == 0;
            for (Ops ops : ENGINES) {
                ConvGradients expected = ops.conv2dBackward(x, w, g, p, need);
                for (int round = 0; round < 2; round++) {
                    ConvGradients out = new ConvGradients(need ? nans(x.shape()) : null, nans(p.weightShape()),
                            p.bias() ? nans(p.outChannels()) : null);
                    assertSame(out, ops.conv2dBackward(x, w, g, p, out), "returns out: " + c);
                    String what = ops.name() + " x" + ops.threads() + " " + c;
                    same(expected.gradInput(), out.gradInput(), "gradInput " + what);
                    same(expected.gradWeight(), out.gradWeight(), "gradWeight " + what);
                    same(expected.gradBias(), out.gradBias(), "gradBias " + what);
                }
            }
        });
    }

    @Test
    void linearBackwardIntoOutEqualsTheAllocatingCall() {
        qt().withExamples(40).forAll(integers().between(1, 40), integers().between(1, 70), integers().between(1, 30),
                integers().between(0, 3)).checkAssert((rows, in, outF, flags) -> {
            Tensor x = Tensor.uniform(rows * 31L + in, -1, 1, rows, in), w = Tensor.uniform(outF + 7L, -1, 1, outF, in);
            Tensor g = Tensor.uniform(rows + 11L, -1, 1, rows, outF);
            boolean need = (flags & 1) == 0, bias = (flags & 2) == 0;
            for (Ops ops : ENGINES) {
                ConvGradients expected = ops.linearBackward(x, w, g, bias);
                for (int round = 0; round < 2; round++) {
                    ConvGradients out = new ConvGradients(need ? nans(rows, in) : null, nans(outF, in), bias ? nans(outF) : null);
                    assertSame(out, ops.linearBackward(x, w, g, out));
                    String what = ops.name() + " x" + ops.threads() + " rows " + rows + " in " + in + " out " + outF;
                    same(need ? expected.gradInput() : null, out.gradInput(), "gradInput " + what);
                    same(expected.gradWeight(), out.gradWeight(), "gradWeight " + what);
                    same(bias ? expected.gradBias() : null, out.gradBias(), "gradBias " + what);
                }
            }
        });
    }

    @Test
    void maxPoolBackwardIntoOutEqualsTheAllocatingCall() {
        qt().withExamples(40).forAll(PoolGen.maxPool2d()).checkAssert(c -> {
            Tensor x = Tensor.uniform(c.seed(), -1, 1, c.shape());
            Tensor g = Tensor.uniform(c.seed() + 1, -1, 1, c.p().outputShape(c.shape()));
            for (Ops ops : ENGINES) {
                Tensor expected = ops.maxPool2dBackward(x, g, c.p());
                for (int round = 0; round < 2; round++) {
                    Tensor out = nans(c.shape());
                    assertSame(out, ops.maxPool2dBackward(x, g, c.p(), out));
                    same(expected, out, ops.name() + " x" + ops.threads() + " " + c);
                }
            }
        });
        // LeNet's pooling (its own row kernel), whole planes and two threads.
        Tensor x = Tensor.uniform(5, -1, 1, 16, 6, 28, 28), g = Tensor.uniform(6, -1, 1, 16, 6, 14, 14);
        MaxPool2dParams p = MaxPool2dParams.of(2);
        Tensor out = nans(16, 6, 28, 28);
        Stride.vector(2).maxPool2dBackward(x, g, p, out);
        same(Stride.reference().maxPool2dBackward(x, g, p), out, "LeNet pool1 backward into out");
    }

    @Test
    void badOutsAreRejected() {
        Conv2dParams p = Conv2dParams.builder(2, 3, 3).bias(true).build();
        Tensor x = Tensor.uniform(1, -1, 1, 2, 2, 6, 6), w = Tensor.uniform(2, -1, 1, p.weightShape());
        Tensor g = Tensor.uniform(3, -1, 1, 2, 3, 4, 4);
        Tensor gw = Tensor.zeros(p.weightShape()), gb = Tensor.zeros(3), gi = Tensor.zeros(2, 2, 6, 6);
        Tensor lx = Tensor.uniform(4, -1, 1, 5, 7), lw = Tensor.uniform(5, -1, 1, 3, 7), lg = Tensor.uniform(6, -1, 1, 5, 3);
        MaxPool2dParams mp = MaxPool2dParams.of(2);
        Tensor pg = Tensor.uniform(7, -1, 1, 2, 2, 3, 3);
        for (Ops ops : new Ops[] {Stride.vector(1), Stride.reference()}) {
            expect("out", () -> ops.conv2dBackward(x, w, g, p, (ConvGradients) null));
            expect("out.gradWeight", () -> ops.conv2dBackward(x, w, g, p, new ConvGradients(gi, Tensor.zeros(3, 2, 3, 2), gb)));
            expect("out.gradBias", () -> ops.conv2dBackward(x, w, g, p, new ConvGradients(gi, gw, null)));
            expect("out.gradInput", () -> ops.conv2dBackward(x, w, g, p, new ConvGradients(Tensor.zeros(2, 2, 6, 5), gw, gb)));
            expect("out.gradWeight", () -> ops.conv2dBackward(x, w, g, p, new ConvGradients(gi, Tensor.wrap(w.data(), p.weightShape()), gb)));
            expect("out.gradInput", () -> ops.conv2dBackward(x, w, g, p, new ConvGradients(Tensor.wrap(x.data(), x.shape()), gw, gb)));
            expect("out", () -> ops.linearBackward(lx, lw, lg, (ConvGradients) null));
            expect("out.gradWeight", () -> ops.linearBackward(lx, lw, lg, new ConvGradients(null, Tensor.zeros(3, 6), null)));
            expect("out.gradInput", () -> ops.linearBackward(lx, lw, lg, new ConvGradients(Tensor.wrap(lg.data(), 5, 3), Tensor.zeros(3, 7), null)));
            expect("out", () -> ops.maxPool2dBackward(x, pg, mp, null));
            expect("out shape [2, 2, 6, 5] must be [2, 2, 6, 6]", () -> ops.maxPool2dBackward(x, pg, mp, Tensor.zeros(2, 2, 6, 5)));
            expect("input", () -> ops.maxPool2dBackward(x, pg, mp, Tensor.wrap(x.data(), x.shape())));
        }
    }

    private static void expect(String fragment, org.junit.jupiter.api.function.Executable call) {
        String m = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(m.contains(fragment), m);
    }
}
