package dev.stride.tests;

import static dev.stride.tests.OnnxDiff.assertClose;
import static dev.stride.tests.OnnxDiff.forEachEngine;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.stride.core.*;
import dev.stride.nn.onnx.OnnxSingleOp;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Differential tests of convolution against ONNX Runtime: {@code Conv} with explicit asymmetric pads,
 * strides, dilations, groups and PyTorch's padding modes (mapped to a {@code Pad} node), {@code Conv} with
 * {@code auto_pad} (Stride's padding from {@link Padding2d#onnxAuto}), and {@code ConvTranspose} with
 * output_padding. Each case is generated from one seed; 40 cases per op keep the suite to seconds.
 */
class OnnxConvTest {
    private static final int CASES = 40;

    record ConvCase(int[] inputShape, Conv2dParams p, Tensor x, Tensor w, Tensor b) {
        @Override public String toString() { return "input " + Arrays.toString(inputShape) + ", " + p; }
    }

    static ConvCase convCase(long seed, boolean anyMode) {
        SplittableRandom r = new SplittableRandom(seed);
        while (true) {
            int g = r.nextInt(1, 4);
            int cin = g * r.nextInt(1, 3), cout = g * r.nextInt(1, 3);
            int n = r.nextInt(1, 3), h = r.nextInt(1, 9), w = r.nextInt(1, 9);
            int kh = r.nextInt(1, 5), kw = r.nextInt(1, 5);
            PaddingMode mode = anyMode ? PaddingMode.values()[r.nextInt(4)] : PaddingMode.ZEROS;
            Padding2d pad = new Padding2d(r.nextInt(0, 4), r.nextInt(0, 4), r.nextInt(0, 4), r.nextInt(0, 4));
            try {
                Conv2dParams p = new Conv2dParams(cin, cout, kh, kw, r.nextInt(1, 4), r.nextInt(1, 4), pad, mode,
                        r.nextInt(1, 3), r.nextInt(1, 3), g, r.nextBoolean());
                int[] shape = {n, cin, h, w};
                p.outputShape(shape);
                return new ConvCase(shape, p, Tensor.uniform(r.nextLong(), -1, 1, shape),
                        Tensor.uniform(r.nextLong(), -1, 1, p.weightShape()),
                        p.bias() ? Tensor.uniform(r.nextLong(), -1, 1, cout) : null);
            } catch (IllegalArgumentException invalid) {
                // not every combination fits (output below 1, reflect padding too wide): draw again
            }
        }
    }

    @Test
    void convWithExplicitPadsStridesDilationsGroups() {
        qt().withExamples(CASES).withFixedSeed(11).forAll(longs().all()).checkAssert(seed -> {
            ConvCase c = convCase(seed, false);
            Tensor expected = OnnxRuntimeHarness.run(OnnxSingleOp.conv2d(c.inputShape(), c.p(), c.w(), c.b()), c.x()).y();
            forEachEngine(c.toString(), ops -> assertClose("conv2d", expected, ops.conv2d(c.x(), c.w(), c.b(), c.p()), 1e-5f, 1e-4f));
        });
    }

    @Test
    void convWithPyTorchPaddingModesMappedToPadNode() {
        qt().withExamples(CASES).withFixedSeed(12).forAll(longs().all()).checkAssert(seed -> {
            ConvCase c = convCase(seed, true);
            Tensor expected = OnnxRuntimeHarness.run(OnnxSingleOp.conv2d(c.inputShape(), c.p(), c.w(), c.b()), c.x()).y();
            forEachEngine(c.toString(), ops -> assertClose("conv2d", expected, ops.conv2d(c.x(), c.w(), c.b(), c.p()), 1e-5f, 1e-4f));
        });
    }

    @Test
    void convAutoPadMatchesPadding2dOnnxAuto() {
        qt().withExamples(CASES).withFixedSeed(13).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Padding2d.AutoPad mode = new Padding2d.AutoPad[] {Padding2d.AutoPad.SAME_UPPER, Padding2d.AutoPad.SAME_LOWER,
                    Padding2d.AutoPad.VALID}[r.nextInt(3)];
            int g = r.nextInt(1, 3), cin = g * r.nextInt(1, 3), cout = g * r.nextInt(1, 3);
            int kh = r.nextInt(1, 5), kw = r.nextInt(1, 5), sh = r.nextInt(1, 4), sw = r.nextInt(1, 4);
            // ONNX Runtime refuses dilation with SAME_UPPER/SAME_LOWER ("Dilation not supported"), so only VALID dilates.
            boolean same = mode != Padding2d.AutoPad.VALID;
            int dh = same ? 1 : r.nextInt(1, 3), dw = same ? 1 : r.nextInt(1, 3);
            // VALID needs the input to hold one dilated window
            int h = Math.max(r.nextInt(1, 10), mode == Padding2d.AutoPad.VALID ? dh * (kh - 1) + 1 : 1);
            int w = Math.max(r.nextInt(1, 10), mode == Padding2d.AutoPad.VALID ? dw * (kw - 1) + 1 : 1);
            Padding2d pad = Padding2d.onnxAuto(mode, h, w, kh, kw, sh, sw, dh, dw);
            Conv2dParams p = new Conv2dParams(cin, cout, kh, kw, sh, sw, pad, PaddingMode.ZEROS, dh, dw, g, true);
            int[] shape = {1, cin, h, w};
            Tensor x = Tensor.uniform(r.nextLong(), -1, 1, shape), wt = Tensor.uniform(r.nextLong(), -1, 1, p.weightShape()),
                    b = Tensor.uniform(r.nextLong(), -1, 1, cout);
            Tensor expected = OnnxRuntimeHarness.run(OnnxSingleOp.conv2dAutoPad(shape, p, mode, wt, b), x).y();
            forEachEngine(mode + " " + p, ops -> assertClose("conv2d auto_pad", expected, ops.conv2d(x, wt, b, p), 1e-5f, 1e-4f));
        });
    }

    @Test
    void convTransposeWithOutputPadding() {
        qt().withExamples(CASES).withFixedSeed(14).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            ConvTranspose2dParams p;
            int[] shape;
            while (true) {
                int g = r.nextInt(1, 3), cin = g * r.nextInt(1, 3), cout = g * r.nextInt(1, 3);
                int sh = r.nextInt(1, 4), sw = r.nextInt(1, 4), dh = r.nextInt(1, 3), dw = r.nextInt(1, 3);
                try {
                    p = new ConvTranspose2dParams(cin, cout, r.nextInt(1, 5), r.nextInt(1, 5), sh, sw, r.nextInt(0, 3),
                            r.nextInt(0, 3), r.nextInt(0, Math.max(sh, dh)), r.nextInt(0, Math.max(sw, dw)), dh, dw, g,
                            r.nextBoolean());
                    shape = new int[] {r.nextInt(1, 3), cin, r.nextInt(1, 7), r.nextInt(1, 7)};
                    p.outputShape(shape);
                    break;
                } catch (IllegalArgumentException invalid) {
                    // output below 1: draw again
                }
            }
            ConvTranspose2dParams fp = p;
            Tensor x = Tensor.uniform(r.nextLong(), -1, 1, shape), w = Tensor.uniform(r.nextLong(), -1, 1, p.weightShape());
            Tensor b = p.bias() ? Tensor.uniform(r.nextLong(), -1, 1, p.outChannels()) : null;
            Tensor expected = OnnxRuntimeHarness.run(OnnxSingleOp.convTranspose2d(shape, p, w, b), x).y();
            forEachEngine(Arrays.toString(shape) + " " + p,
                    ops -> assertClose("conv_transpose2d", expected, ops.convTranspose2d(x, w, b, fp), 1e-5f, 1e-4f));
        });
    }

    /** PyTorch allows output_padding >= stride when it is below the dilation; ONNX Runtime does not: the mapping's two paths. */
    @Test
    void convTransposeOutputPaddingPastTheStride() {
        for (int pad : new int[] {0, 1, 2}) {
            ConvTranspose2dParams p = new ConvTranspose2dParams(2, 3, 2, 3, 1, 2, pad, 0, 2, 1, 3, 1, 1, true);
            int[] shape = {1, 2, 3, 4};
            Tensor x = Tensor.uniform(pad, -1, 1, shape), w = Tensor.uniform(9, -1, 1, p.weightShape()),
                    b = Tensor.uniform(10, -1, 1, 3);
            Tensor expected = OnnxRuntimeHarness.run(OnnxSingleOp.convTranspose2d(shape, p, w, b), x).y();
            forEachEngine(p.toString(), ops -> assertClose("conv_transpose2d", expected, ops.convTranspose2d(x, w, b, p), 1e-5f, 1e-4f));
        }
    }

    /**
     * Layer shapes large enough to take the vectorized kernels' blocked paths (channel counts past the
     * vector width, 1x1, depthwise, strided 7x7), scaled down from the ResNet/MobileNet shape list.
     */
    @Test
    void realisticLayerShapes() {
        Conv2dParams[] layers = {
                Conv2dParams.builder(32, 32, 3).padding(1).build(),
                Conv2dParams.builder(64, 24, 1).bias(false).build(),
                Conv2dParams.builder(3, 16, 7).stride(2).padding(3).build(),
                Conv2dParams.builder(24, 24, 3).stride(2).padding(1).build(),
                Conv2dParams.builder(17, 17, 3).padding(1).groups(17).build(),
                Conv2dParams.builder(16, 16, 3).padding(2).dilation(2).build()};
        int[][] inputs = {{1, 32, 14, 14}, {2, 64, 9, 11}, {1, 3, 32, 30}, {1, 24, 15, 15}, {1, 17, 19, 13}, {1, 16, 14, 14}};
        for (int i = 0; i < layers.length; i++) {
            Conv2dParams p = layers[i];
            int[] shape = inputs[i];
            Tensor x = Tensor.uniform(100 + i, -1, 1, shape), w = Tensor.uniform(200 + i, -0.5f, 0.5f, p.weightShape());
            Tensor b = p.bias() ? Tensor.uniform(300 + i, -1, 1, p.outChannels()) : null;
            Tensor expected = OnnxRuntimeHarness.run(OnnxSingleOp.conv2d(shape, p, w, b), x).y();
            forEachEngine(Arrays.toString(shape) + " " + p, ops -> assertClose("conv2d", expected, ops.conv2d(x, w, b, p), 1e-4f, 1e-4f));
        }
    }
}
