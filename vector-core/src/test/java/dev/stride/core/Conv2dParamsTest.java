package dev.stride.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Conv2dParamsTest {
    private static void assertMessageMentions(IllegalArgumentException e, String... words) {
        for (String w : words) assertTrue(e.getMessage().contains(w), () -> "'" + e.getMessage() + "' lacks '" + w + "'");
    }

    @Test
    void builderHasPyTorchDefaults() {
        Conv2dParams p = Conv2dParams.builder(3, 8, 3).build();
        assertEquals(1, p.strideH());
        assertEquals(1, p.strideW());
        assertEquals(Padding2d.of(0), p.padding());
        assertEquals(PaddingMode.ZEROS, p.paddingMode());
        assertEquals(1, p.dilationH());
        assertEquals(1, p.groups());
        assertTrue(p.bias());
        assertArrayEquals(new int[] {8, 3, 3, 3}, p.weightShape());
    }

    @Test
    void resNetStemShape() {
        Conv2dParams p = Conv2dParams.builder(3, 64, 7).stride(2).padding(3).build();
        assertArrayEquals(new int[] {1, 64, 112, 112}, p.outputShape(new int[] {1, 3, 224, 224}));
        // 2 * N*C_out*H_out*W_out * C_in*kH*kW
        assertEquals(2L * 64 * 112 * 112 * 3 * 7 * 7, p.flops(new int[] {1, 3, 224, 224}));
    }

    @Test
    void seedExamples() {
        int[] in = {1, 1, 5, 5};
        assertArrayEquals(new int[] {1, 1, 3, 3}, Conv2dParams.builder(1, 1, 3).build().outputShape(in));
        assertArrayEquals(new int[] {1, 1, 5, 5}, Conv2dParams.builder(1, 1, 3).padding(1).build().outputShape(in));
        assertArrayEquals(new int[] {1, 1, 3, 3}, Conv2dParams.builder(1, 1, 3).padding(1).stride(2).build().outputShape(in));
    }

    @Test
    void dilationWidensTheKernel() {
        Conv2dParams p = Conv2dParams.builder(1, 1, 3).dilation(2).build();
        assertEquals(5, p.effectiveKernelH());
        assertEquals(3, p.outHeight(7));
    }

    @Test
    void sameSplitsTheOddCellToTheEnd() {
        Conv2dParams p = Conv2dParams.builder(1, 1, 4, 3).same().dilation(1, 2).build();
        assertEquals(new Padding2d(1, 2, 2, 2), p.padding());
        assertArrayEquals(new int[] {1, 1, 6, 7}, p.outputShape(new int[] {1, 1, 6, 7}));
    }

    @Test
    void sameRejectsStride() {
        var e = assertThrows(IllegalArgumentException.class, () -> Conv2dParams.builder(1, 1, 3).stride(2).same().build());
        assertMessageMentions(e, "same", "stride");
    }

    @Test
    void groupsMustDivideChannels() {
        assertMessageMentions(assertThrows(IllegalArgumentException.class,
                () -> Conv2dParams.builder(3, 4, 3).groups(2).build()), "in_channels 3", "groups 2");
        assertMessageMentions(assertThrows(IllegalArgumentException.class,
                () -> Conv2dParams.builder(4, 3, 3).groups(2).build()), "out_channels 3", "groups 2");
        assertArrayEquals(new int[] {6, 2, 3, 3}, Conv2dParams.builder(4, 6, 3).groups(2).build().weightShape());
    }

    @Test
    void outputBelowOneIsAnError() {
        Conv2dParams p = Conv2dParams.builder(1, 1, 3).build();
        assertMessageMentions(assertThrows(IllegalArgumentException.class, () -> p.outHeight(2)), "height", "2", "below 1");
    }

    @Test
    void paddingModeLimits() {
        Conv2dParams reflect = Conv2dParams.builder(1, 1, 3).padding(2).paddingMode(PaddingMode.REFLECT).build();
        assertEquals(5, reflect.outHeight(3));
        assertMessageMentions(assertThrows(IllegalArgumentException.class, () -> reflect.outHeight(2)), "reflect", "2");
        Conv2dParams circular = Conv2dParams.builder(1, 1, 3).padding(2).paddingMode(PaddingMode.CIRCULAR).build();
        assertEquals(4, circular.outHeight(2));
        assertMessageMentions(assertThrows(IllegalArgumentException.class, () -> circular.outHeight(1)), "circular", "2");
        Conv2dParams replicate = Conv2dParams.builder(1, 1, 3).padding(2).paddingMode(PaddingMode.REPLICATE).build();
        assertEquals(3, replicate.outHeight(1));
    }

    @Test
    void checkInputsValidatesShapesAndBias() {
        Conv2dParams p = Conv2dParams.builder(2, 3, 3).build();
        Tensor x = Tensor.zeros(1, 2, 4, 4), w = Tensor.zeros(3, 2, 3, 3), b = Tensor.zeros(3);
        p.checkInputs(x, w, b);
        assertMessageMentions(assertThrows(IllegalArgumentException.class, () -> p.checkInputs(x, w, null)), "bias");
        assertMessageMentions(assertThrows(IllegalArgumentException.class,
                () -> p.checkInputs(x, Tensor.zeros(3, 2, 3, 2), b)), "weight");
        assertMessageMentions(assertThrows(IllegalArgumentException.class,
                () -> p.checkInputs(Tensor.zeros(1, 3, 4, 4), w, b)), "channels");
        assertMessageMentions(assertThrows(IllegalArgumentException.class,
                () -> p.checkInputs(Tensor.zeros(2, 4, 4), w, b)), "input", "NCHW");
        Conv2dParams noBias = Conv2dParams.builder(2, 3, 3).bias(false).build();
        assertMessageMentions(assertThrows(IllegalArgumentException.class, () -> noBias.checkInputs(x, w, b)), "bias");
    }

    @Test
    void nonPositiveValuesAreNamed() {
        assertMessageMentions(assertThrows(IllegalArgumentException.class, () -> Conv2dParams.builder(1, 1, 3).stride(0).build()),
                "stride", "0");
        assertMessageMentions(assertThrows(IllegalArgumentException.class, () -> Conv2dParams.builder(1, 1, 3).dilation(-1).build()),
                "dilation", "-1");
        assertMessageMentions(assertThrows(IllegalArgumentException.class, () -> Conv2dParams.builder(1, 0, 3).build()),
                "out_channels", "0");
    }
}
