package dev.stride.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConvTranspose2dParamsTest {
    @Test
    void outputSizeFollowsPyTorch() {
        // (in-1)*stride - 2*padding + dilation*(kernel-1) + output_padding + 1
        ConvTranspose2dParams p = new ConvTranspose2dParams(4, 6, 3, 4, 2, 3, 1, 0, 1, 2, 1, 2, 2, true);
        assertEquals((5 - 1) * 2 - 2 + 2 + 1 + 1, p.outHeight(5));
        assertEquals((5 - 1) * 3 + 2 * 3 + 2 + 1, p.outWidth(5));
        assertArrayEquals(new int[] {4, 3, 3, 4}, p.weightShape());
        assertArrayEquals(new int[] {2, 6, 10, 21}, p.outputShape(new int[] {2, 4, 5, 5}));
    }

    @Test
    void undoesTheSizeOfTheMatchingConv() {
        ConvTranspose2dParams p = new ConvTranspose2dParams(8, 3, 4, 4, 2, 2, 1, 1, 0, 0, 1, 1, 1, false);
        Conv2dParams conv = p.adjointConv();
        assertEquals(3, conv.inChannels());
        assertEquals(8, conv.outChannels());
        assertArrayEquals(new int[] {1, 8, 16, 16}, conv.outputShape(p.outputShape(new int[] {1, 8, 16, 16})));
    }

    @Test
    void outputPaddingMustBeBelowStrideOrDilation() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2dParams(1, 1, 3, 3, 2, 2, 0, 0, 2, 0, 1, 1, 1, true));
        assertTrue(e.getMessage().contains("output_padding height 2"), e.getMessage());
        // Allowed when below the dilation even if not below the stride.
        new ConvTranspose2dParams(1, 1, 3, 3, 1, 1, 0, 0, 1, 0, 2, 1, 1, true);
    }

    @Test
    void invalidValuesAreNamed() {
        var groups = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2dParams(4, 3, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 2, true));
        assertTrue(groups.getMessage().contains("out_channels 3"), groups.getMessage());
        var pad = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2dParams(1, 1, 3, 3, 1, 1, -1, 0, 0, 0, 1, 1, 1, true));
        assertTrue(pad.getMessage().contains("padding height -1"), pad.getMessage());
        var tooSmall = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2dParams(1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, true).outHeight(1));
        assertTrue(tooSmall.getMessage().contains("below 1"), tooSmall.getMessage());
        var bias = assertThrows(IllegalArgumentException.class, () -> ConvTranspose2dParams.of(1, 2, 3)
                .checkInputs(Tensor.zeros(1, 1, 2, 2), Tensor.zeros(1, 2, 3, 3), Tensor.zeros(3)));
        assertTrue(bias.getMessage().contains("bias"), bias.getMessage());
    }
}
