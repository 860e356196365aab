package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stride.core.Conv2dParams;
import dev.stride.core.ConvGradients;
import dev.stride.core.ConvTranspose2dParams;
import dev.stride.core.Ops;
import dev.stride.core.PaddingMode;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vectorized convolution gives bitwise identical results with 1, 2 and 3 threads: forward,
 * input/weight/bias gradients and the transposed convolution, on shapes large enough to span several
 * im2col tiles, channel chunks and weight-gradient column blocks (so that the work really is split),
 * plus a depthwise and a 1x1 case.
 */
class ConvDeterminismTest {
    private static final List<Conv2dParams> CONVS = List.of(
            Conv2dParams.builder(24, 40, 3).padding(1).build(),
            Conv2dParams.builder(20, 18, 3).stride(2).padding(1).paddingMode(PaddingMode.REFLECT).dilation(1, 2).build(),
            Conv2dParams.builder(32, 32, 3).padding(1).groups(32).build(),
            Conv2dParams.builder(48, 20, 1).bias(false).build(),
            Conv2dParams.builder(12, 12, 5).padding(2).groups(3).paddingMode(PaddingMode.CIRCULAR).build());

    @Test
    void convIsBitwiseIdenticalAcrossThreadCounts() {
        int seed = 11;
        for (Conv2dParams p : CONVS) {
            Tensor x = Tensor.uniform(seed, -1, 1, 2, p.inChannels(), 30, 29);
            Tensor w = Tensor.uniform(seed + 1, -1, 1, p.weightShape());
            Tensor b = p.bias() ? Tensor.uniform(seed + 2, -1, 1, p.outChannels()) : null;
            Tensor g = Tensor.uniform(seed + 3, -1, 1, p.outputShape(x.shape()));
            Ops one = Stride.vector(1);
            Tensor y1 = one.conv2d(x, w, b, p);
            ConvGradients g1 = one.conv2dBackward(x, w, g, p);
            for (int threads : new int[] {2, 3}) {
                Ops ops = Stride.vector(threads);
                String what = p + " threads " + threads;
                assertTrue(y1.bitwiseEquals(ops.conv2d(x, w, b, p)), "forward differs: " + what);
                ConvGradients gt = ops.conv2dBackward(x, w, g, p);
                assertTrue(g1.gradInput().bitwiseEquals(gt.gradInput()), "grad_input differs: " + what);
                assertTrue(g1.gradWeight().bitwiseEquals(gt.gradWeight()), "grad_weight differs: " + what);
                if (b != null) assertTrue(g1.gradBias().bitwiseEquals(gt.gradBias()), "grad_bias differs: " + what);
            }
            seed += 10;
        }
    }

    @Test
    void convTransposeIsBitwiseIdenticalAcrossThreadCounts() {
        ConvTranspose2dParams p = new ConvTranspose2dParams(24, 18, 4, 4, 2, 2, 1, 1, 1, 0, 1, 1, 2, true);
        Tensor x = Tensor.uniform(5, -1, 1, 2, 24, 14, 15);
        Tensor w = Tensor.uniform(6, -1, 1, p.weightShape());
        Tensor b = Tensor.uniform(7, -1, 1, 18);
        Tensor g = Tensor.uniform(8, -1, 1, p.outputShape(x.shape()));
        Ops one = Stride.vector(1);
        Tensor y1 = one.convTranspose2d(x, w, b, p);
        ConvGradients g1 = one.convTranspose2dBackward(x, w, g, p);
        for (int threads : new int[] {2, 3}) {
            Ops ops = Stride.vector(threads);
            assertTrue(y1.bitwiseEquals(ops.convTranspose2d(x, w, b, p)), "forward differs at " + threads);
            ConvGradients gt = ops.convTranspose2dBackward(x, w, g, p);
            assertTrue(g1.gradInput().bitwiseEquals(gt.gradInput()), "grad_input differs at " + threads);
            assertTrue(g1.gradWeight().bitwiseEquals(gt.gradWeight()), "grad_weight differs at " + threads);
            assertTrue(g1.gradBias().bitwiseEquals(gt.gradBias()), "grad_bias differs at " + threads);
        }
    }
}
