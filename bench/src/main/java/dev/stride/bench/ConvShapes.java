package dev.stride.bench;

import dev.stride.core.Conv2dParams;

/**
 * The convolution shapes S1..S6 of the design (ResNet and MobileNet layers), plus S7 (a depthwise
 * layer of MobileNet's late stages, planes narrower than one 512-bit vector), one corpus for the
 * benchmarks and the report. FLOPs count 2 per multiply-accumulate of the forward pass
 * ({@link Conv2dParams#flops}); at batch 1:
 * <pre>
 *   S1 conv 3x3 64->64, 56x56, s1 p1                    231,211,008 FLOP
 *   S2 conv 1x1 256->64, 56x56                          102,760,448 FLOP
 *   S3 conv 7x7 3->64, 224x224, s2 p3                   236,027,904 FLOP
 *   S4 conv 3x3 128->128, 56x56 -> 28x28, s2 p1         231,211,008 FLOP
 *   S5 depthwise 3x3, 32 ch, groups 32, 112x112, p1       7,225,344 FLOP
 *   S6 conv 3x3 dilation 2, 64->64, 56x56, p2           231,211,008 FLOP
 *   S7 depthwise 3x3, 96 ch, groups 96, 14x14, p1           338,688 FLOP
 * </pre>
 * Weight and input gradients cost the same FLOPs as the forward each.
 */
public enum ConvShapes {
    S1(Conv2dParams.builder(64, 64, 3).padding(1).bias(false).build(), 64, 56, 56),
    S2(Conv2dParams.builder(256, 64, 1).bias(false).build(), 256, 56, 56),
    S3(Conv2dParams.builder(3, 64, 7).stride(2).padding(3).bias(false).build(), 3, 224, 224),
    S4(Conv2dParams.builder(128, 128, 3).stride(2).padding(1).bias(false).build(), 128, 56, 56),
    S5(Conv2dParams.builder(32, 32, 3).padding(1).groups(32).bias(false).build(), 32, 112, 112),
    S6(Conv2dParams.builder(64, 64, 3).padding(2).dilation(2).bias(false).build(), 64, 56, 56),
    S7(Conv2dParams.builder(96, 96, 3).padding(1).groups(96).bias(false).build(), 96, 14, 14);

    private final Conv2dParams params;
    private final int channels, height, width;

    ConvShapes(Conv2dParams params, int channels, int height, int width) {
        this.params = params;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** The layer's parameters (no bias: the FLOP counts are the convolution's alone). */
    public Conv2dParams params() { return params; }

    /** The NCHW input shape at this batch size. */
    public int[] inputShape(int batch) { return new int[] {batch, channels, height, width}; }

    /** Forward FLOPs at this batch size (2 per multiply-accumulate). */
    public long flops(int batch) { return params.flops(inputShape(batch)); }
}
