package dev.stride.core.internal;

import dev.stride.core.Conv2dParams;
import dev.stride.core.ConvTranspose2dParams;
import dev.stride.core.PaddingMode;

/**
 * What a convolution of one shape runs: its geometry, its algorithm and its tile sizes, decided once
 * per (parameters, input shape) and reused by forward and backward calls.
 *
 * <p>A plan always describes a forward convolution ("conv view"): input {@code [batch, inChannels, inH,
 * inW]}, weight {@code [outChannels, inChannels/groups, kH, kW]}, output {@code [batch, outChannels, outH,
 * outW]}. A transposed convolution is planned as its adjoint: the conv whose input is the transposed
 * conv's output, with the same weight tensor (see {@link #forTranspose}).
 *
 * <p>Algorithms: {@link Path#POINTWISE} (1x1, stride 1, no padding: the input rows are the GEMM's B
 * operand in place), {@link Path#DEPTHWISE} (one input channel per group: a direct per-plane kernel),
 * {@link Path#IMPLICIT_GEMM} (stride 1: packed GEMM reading its rows from a padded copy of the input,
 * see {@link ConvImplicitGemm}), {@link Path#IM2COL} (everything else: packed GEMM over bounded im2col
 * tiles). Two direct forward paths replace the GEMM where they were measured faster:
 * {@link DirectConv16} (3x3, channels in multiples of 16; when zeros padding reaches at most two
 * output columns per side, its {@link DirectConvInPlace} variant reads the input in place and keeps
 * only two edge strips of {@code batch * inChannels * inH * stripW} floats, {@code stripW <= stride +
 * 2*dilation + 1}) and {@link FewChannelConv} (few input
 * channels and a kernel of at least 3x3, e.g. a 7x7 stride-2 stem; it keeps a padded,
 * column-phase-split copy of the input, about the input's size, on the calling thread), and
 * {@link NarrowConv} (few output and input channels on small images, e.g. LeNet-5's convolutions).
 *
 * <p>Workspace (per thread, kept between calls, see {@link Workspace}): an im2col tile holds at most
 * {@link #TILE_CAP_FLOATS} floats (512 KiB), or one {@code K x NB} column block (NB = 48 at 512 bits)
 * when the patch size {@code K} alone exceeds that; packed weights take {@code outChannels * K} floats
 * (rows rounded up to 8) on the calling thread; the depthwise path keeps one padded input plane per
 * thread. Two paths trade a copy of the input for speed and so grow with the image rather than being
 * capped: the implicit GEMM (stride 1) and the weight gradient of stride-1 convs keep one padded copy
 * of the whole input ({@code batch * inChannels * paddedH * paddedW} floats) on the calling thread, and
 * strided im2col keeps the input split into stride phases (about the input's size); the stride-1 input
 * gradient keeps the gradient of the padded input (the same size) unless {@link #paddedAdjoint} applies
 * (zeros padding: it writes the input gradient directly). The channel-blocked weight gradient
 * ({@link ConvWeightGrad16}) keeps a blocked copy of the input and of the output gradient.
 */
final class ConvPlan {
    /** Largest im2col tile, in floats, unless a single column block is larger. */
    static final int TILE_CAP_FLOATS = 128 * 1024;

    enum Path { POINTWISE, DEPTHWISE, IMPLICIT_GEMM, IM2COL }

    final int batch, inChannels, outChannels, groups;
    /** Input channels per group ({@code cg}) and output channels per group ({@code mg}). */
    final int cg, mg;
    final ConvGeometry geometry;
    /** Patch size K = cg*kH*kW and output positions N = outH*outW. */
    final int k, n;
    /** Output positions per im2col tile (a multiple of NB, or N). */
    final int tileN;
    final Path path;
    /** For {@link Path#IMPLICIT_GEMM}: offset of patch row k in the padded group image. */
    final int[] implicitOffsets;
    /**
     * Non-null when the forward runs {@link DirectConv16} instead of the GEMM of {@link #path} (the
     * backward passes still follow {@link #path}): that path's index tables.
     */
    final DirectConv16.Layout direct;
    /**
     * Non-null when {@link DirectConv16}'s forward hands the shape to {@link DirectConvInPlace} (zeros
     * padding, borders only at the first and last output column: no copy of the input; {@link #direct}
     * is then non-null too): that path's index tables.
     */
    final DirectConvInPlace.Layout inPlace;
    /**
     * Non-null when the forward runs {@link FewChannelConv} (few input channels, e.g. a 7x7 stem; the
     * backward passes still follow {@link #path}): that path's index tables.
     */
    final FewChannelConv.Layout fewChannel;
    /**
     * Non-null when the forward runs {@link NarrowConv} (few output and input channels on small images,
     * e.g. LeNet-5's convolutions; the backward passes still follow {@link #path}): that path's tables.
     */
    final NarrowConv.Layout narrow;

    private ConvPlan(int batch, int inChannels, int outChannels, int groups, ConvGeometry geometry) {
        this.batch = batch;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        this.cg = inChannels / groups;
        this.mg = outChannels / groups;
        this.geometry = geometry;
        this.k = geometry.patchSize();
        this.n = geometry.positions();
        ConvGeometry g = geometry;
        boolean pointwise = g.kernelH == 1 && g.kernelW == 1 && g.strideH == 1 && g.strideW == 1
                && g.padTop == 0 && g.padLeft == 0 && g.outH == g.inH && g.outW == g.inW;
        boolean unitStride = g.strideH == 1 && g.strideW == 1;
        this.path = cg == 1 && groups > 1 ? Path.DEPTHWISE : pointwise ? Path.POINTWISE
                : unitStride ? Path.IMPLICIT_GEMM : Path.IM2COL;
        this.implicitOffsets = new int[path == Path.IMPLICIT_GEMM ? k : 0];
        int plane = g.paddedH * g.paddedW;
        for (int kk = 0; kk < implicitOffsets.length; kk++) {
            int c = kk / (g.kernelH * g.kernelW), r = kk % (g.kernelH * g.kernelW);
            implicitOffsets[kk] = c * plane + (r / g.kernelW) * g.dilationH * g.paddedW + (r % g.kernelW) * g.dilationW;
        }
        this.direct = DirectConv16.applies(groups, inChannels, outChannels, g) ? new DirectConv16.Layout(inChannels, g) : null;
        this.inPlace = direct != null && DirectConvInPlace.applies(groups, inChannels, outChannels, g)
                ? new DirectConvInPlace.Layout(inChannels, g) : null;
        this.fewChannel = direct == null && !pointwise && FewChannelConv.applies(groups, inChannels, outChannels, g)
                ? new FewChannelConv.Layout(inChannels, outChannels, g) : null;
        NarrowConv.Kernel narrowKernel = direct == null && fewChannel == null && !pointwise && path != Path.DEPTHWISE
                ? NarrowConv.choose(groups, inChannels, outChannels, g) : null;
        this.narrow = narrowKernel == null ? null : new NarrowConv.Layout(narrowKernel, inChannels, g);
        int blocks = Math.max(1, TILE_CAP_FLOATS / (k * PackedGemm.NB));
        this.tileN = Math.min(blocks * PackedGemm.NB, n);
    }

    /** The plan of {@code conv2d} for an already validated input shape. */
    static ConvPlan forConv(Conv2dParams p, int[] inputShape) {
        int h = inputShape[2], w = inputShape[3];
        ConvGeometry g = new ConvGeometry(p.inChannels() / p.groups(), h, w, p.outHeight(h), p.outWidth(w),
                p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.dilationH(), p.dilationW(),
                p.padding().top(), p.padding().left(), p.paddingMode());
        return new ConvPlan(inputShape[0], p.inChannels(), p.outChannels(), p.groups(), g);
    }

    /**
     * The adjoint conv of {@code conv_transpose2d} for an already validated input shape: its input is
     * the transposed conv's output ({@code outChannels_t x outH_t x outW_t}), its output the transposed
     * conv's input, its weight the same {@code [inChannels_t, outChannels_t/groups, kH, kW]} tensor.
     * The sizes are set explicitly because output_padding makes the conv formula ambiguous.
     */
    static ConvPlan forTranspose(ConvTranspose2dParams p, int[] inputShape) {
        int h = inputShape[2], w = inputShape[3];
        ConvGeometry g = new ConvGeometry(p.outChannels() / p.groups(), p.outHeight(h), p.outWidth(w), h, w,
                p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.dilationH(), p.dilationW(),
                p.paddingH(), p.paddingW(), PaddingMode.ZEROS);
        return new ConvPlan(inputShape[0], p.outChannels(), p.inChannels(), p.groups(), g);
    }

    private volatile ConvPlan fullAdjoint;

    /**
     * For stride-1 plans: the "full" convolution whose output is the gradient with respect to the
     * padded input ({@code paddedH x paddedW}): input = the output gradient zero-padded by
     * {@code dilation*(kernel-1)} on every side, weight = the flipped, transposed kernel
     * ({@code [inChannels, mg, kH, kW]}), same groups and dilation.
     */
    ConvPlan fullAdjoint() {
        ConvPlan a = fullAdjoint;
        if (a == null) {
            ConvGeometry g = geometry;
            ConvGeometry ag = new ConvGeometry(mg, g.outH, g.outW, g.paddedH, g.paddedW, g.kernelH, g.kernelW, 1, 1,
                    g.dilationH, g.dilationW, (g.kernelH - 1) * g.dilationH, (g.kernelW - 1) * g.dilationW,
                    PaddingMode.ZEROS);
            a = new ConvPlan(batch, outChannels, inChannels, groups, ag);
            fullAdjoint = a;
        }
        return a;
    }

    private volatile ConvPlan paddedAdjoint;

    /**
     * For stride-1 plans with zeros padding and {@code pad <= dilation*(kernel-1)} on the top and left:
     * the convolution whose output is the input gradient itself ({@code inH x inW}, no fold): input =
     * the output gradient, weight = the flipped, transposed kernel ({@code [inChannels, mg, kH, kW]}),
     * padding {@code dilation*(kernel-1) - pad} (the bottom and right follow from the sizes), same groups
     * and dilation; null for other plans (they use {@link #fullAdjoint}). Being an ordinary forward
     * plan, it runs on the forward's fastest path ({@link DirectConv16} where that applies).
     */
    ConvPlan paddedAdjoint() {
        ConvGeometry g = geometry;
        int top = (g.kernelH - 1) * g.dilationH - g.padTop, left = (g.kernelW - 1) * g.dilationW - g.padLeft;
        if (g.strideH != 1 || g.strideW != 1 || top < 0 || left < 0 || !zerosPadding()) return null;
        ConvPlan a = paddedAdjoint;
        if (a == null) {
            ConvGeometry ag = new ConvGeometry(mg, g.outH, g.outW, g.inH, g.inW, g.kernelH, g.kernelW, 1, 1,
                    g.dilationH, g.dilationW, top, left, PaddingMode.ZEROS);
            a = new ConvPlan(batch, outChannels, inChannels, groups, ag);
            paddedAdjoint = a;
        }
        return a;
    }

    /** Whether every padded cell outside the input is a zero (no reflect/replicate/circular reads). */
    boolean zerosPadding() {
        return zerosPadding(geometry);
    }

    /** Whether every padded cell of {@code g} outside the input is a zero. */
    static boolean zerosPadding(ConvGeometry g) {
        for (int ph = 0; ph < g.paddedH; ph++) {
            int i = ph - g.padTop;
            if ((i < 0 || i >= g.inH) && g.rowMap[ph] >= 0) return false;
        }
        for (int pw = 0; pw < g.paddedW; pw++) {
            int i = pw - g.padLeft;
            if ((i < 0 || i >= g.inW) && g.colMap[pw] >= 0) return false;
        }
        return true;
    }

    private volatile ConvInputGradPhased.Layout phasedInputLayout;
    private volatile boolean phasedInputPlanned;

    /** The phase tables of {@link ConvInputGradPhased} when that path can compute this plan's input gradient, else null. */
    ConvInputGradPhased.Layout phasedInputLayout() {
        if (!phasedInputPlanned) {
            phasedInputLayout = ConvInputGradPhased.applies(this) ? new ConvInputGradPhased.Layout(this) : null;
            phasedInputPlanned = true;
        }
        return phasedInputLayout;
    }

    private volatile DirectConv16.Layout weightGradLayout;
    private volatile boolean weightGradPlanned;

    /** The blocked layout of {@link ConvWeightGrad16} when that path computes this plan's weight gradient, else null. */
    DirectConv16.Layout weightGradLayout() {
        if (!weightGradPlanned) {
            weightGradLayout = path != Path.DEPTHWISE && ConvWeightGrad16.applies(groups, inChannels, outChannels, geometry)
                    ? new DirectConv16.Layout(inChannels, geometry) : null;
            weightGradPlanned = true;
        }
        return weightGradLayout;
    }

    /** Floats of one input image / one output image. */
    int inImage() { return inChannels * geometry.inH * geometry.inW; }

    int outImage() { return outChannels * n; }
}
