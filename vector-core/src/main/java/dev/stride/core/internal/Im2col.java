package dev.stride.core.internal;

/**
 * Moves one convolution group's input between its image layout and the patch matrix of
 * {@link ConvGeometry}: entry {@code (k, p)} with {@code k = (c*kernelH + ky)*kernelW + kx} and output
 * position {@code p = oh*outW + ow} is the input cell the tap reads (zero for a padding cell).
 *
 * <p>Only a tile is ever materialised: rows {@code k0..k1} and positions {@code p0..p0+count}, stored
 * at {@code dst[dstOff + (k-k0)*strideK + (p-p0)*strideP]}. {@code strideP == 1} gives the im2col
 * layout ({@code K x tile}, the B operand of the forward GEMM); {@code strideK == 1} gives the
 * im2row layout ({@code tile x K}, the B operand of the weight gradient).
 */
final class Im2col {
    private Im2col() {}

    /** Gathers the tile from the image at {@code x[xOff...]} (channel 0 of the group). */
    static void gather(float[] x, int xOff, ConvGeometry g, int k0, int k1, int p0, int count,
                       float[] dst, int dstOff, int strideK, int strideP) {
        walk(x, xOff, g, k0, k1, p0, count, dst, dstOff, strideK, strideP, false);
    }

    /**
     * Adds the tile back into the image at {@code x[xOff...]} (col2im): every entry is added to the cell
     * it was read from, padding cells of zeros mode are dropped. Entries are added in (k, p) order, so
     * the result does not depend on how other rows were split over threads.
     */
    static void scatterAdd(float[] src, int srcOff, int strideK, int strideP, ConvGeometry g, int k0, int k1,
                           int p0, int count, float[] x, int xOff) {
        walk(x, xOff, g, k0, k1, p0, count, src, srcOff, strideK, strideP, true);
    }

    private static void walk(float[] x, int xOff, ConvGeometry g, int k0, int k1, int p0, int count,
                             float[] t, int tOff, int strideK, int strideP, boolean scatter) {
        final int kh = g.kernelH, kw = g.kernelW, outW = g.outW, outH = g.outH, inW = g.inW;
        final int plane = g.inH * inW, sw = g.strideW, pEnd = p0 + count;
        for (int k = k0; k < k1; k++) {
            int c = k / (kh * kw), r = k - c * kh * kw, ky = r / kw, kx = r - ky * kw;
            int planeOff = xOff + c * plane;
            int rowBase = tOff + (k - k0) * strideK;
            int colShift = kx * g.dilationW - g.padLeft;
            int lo0 = g.colLo[kx], hi0 = g.colHi[kx];
            int p = p0;
            while (p < pEnd) {
                int oh = p / outW, ow0 = p - oh * outW, ow1 = Math.min(outW, ow0 + (pEnd - p));
                int d = rowBase + (p - p0) * strideP;
                int ih = g.rowTap[ky * outH + oh];
                if (ih < 0) {
                    if (!scatter) for (int ow = ow0; ow < ow1; ow++) t[d + (ow - ow0) * strideP] = 0f;
                } else {
                    int row = planeOff + ih * inW;
                    int lo = Math.min(Math.max(lo0, ow0), ow1), hi = Math.min(Math.max(hi0, lo), ow1);
                    int tapBase = kx * outW;
                    for (int ow = ow0; ow < lo; ow++) edge(x, row, g.colTap[tapBase + ow], t, d + (ow - ow0) * strideP, scatter);
                    int src = row + lo * sw + colShift, dd = d + (lo - ow0) * strideP;
                    if (hi == lo) {
                        // no interior taps on this row segment (the offset below may point past the plane)
                    } else if (!scatter) {
                        if (sw == 1 && strideP == 1) {
                            System.arraycopy(x, src, t, dd, hi - lo);
                        } else {
                            for (int ow = lo; ow < hi; ow++) t[dd + (ow - lo) * strideP] = x[src + (ow - lo) * sw];
                        }
                    } else {
                        for (int ow = lo; ow < hi; ow++) x[src + (ow - lo) * sw] += t[dd + (ow - lo) * strideP];
                    }
                    for (int ow = hi; ow < ow1; ow++) edge(x, row, g.colTap[tapBase + ow], t, d + (ow - ow0) * strideP, scatter);
                }
                p += ow1 - ow0;
            }
        }
    }

    private static void edge(float[] x, int row, int iw, float[] t, int ti, boolean scatter) {
        if (scatter) {
            if (iw >= 0) x[row + iw] += t[ti];
        } else {
            t[ti] = iw < 0 ? 0f : x[row + iw];
        }
    }

    /**
     * Splits every input row into its {@code strideW} phases ({@code xs[row*strideW*phaseW + ph*phaseW + j]
     * = x[row*inW + j*strideW + ph]}), so that a strided tap reads a contiguous run of one phase and
     * {@link #gatherPhased} can copy it with {@code arraycopy}. {@code rows} counts rows over all planes.
     */
    static void splitPhases(float[] x, int xOff, int rows, int inW, int strideW, float[] xs, int xsOff) {
        int phaseW = (inW + strideW - 1) / strideW, rowLen = strideW * phaseW;
        for (int r = 0; r < rows; r++) {
            int src = xOff + r * inW, dst = xsOff + r * rowLen;
            for (int ph = 0; ph < strideW; ph++) {
                int d = dst + ph * phaseW;
                for (int j = 0, iw = ph; iw < inW; j++, iw += strideW) xs[d + j] = x[src + iw];
            }
        }
    }

    /**
     * As {@link #gather} in the im2col layout ({@code strideP == 1}) for {@code strideW > 1}: interior taps
     * copy from the phase-split rows {@code xs} (see {@link #splitPhases}, at {@code xsOff} for the group's
     * channel 0), border taps read {@code x} through the padding maps.
     */
    static void gatherPhased(float[] x, int xOff, float[] xs, int xsOff, ConvGeometry g, int p0, int count,
                             float[] dst, int ld) {
        final int kh = g.kernelH, kw = g.kernelW, outW = g.outW, outH = g.outH, inW = g.inW, sw = g.strideW;
        final int phaseW = (inW + sw - 1) / sw, rowLen = sw * phaseW, plane = g.inH * inW, pEnd = p0 + count;
        final int k1 = g.patchSize();
        for (int k = 0; k < k1; k++) {
            int c = k / (kh * kw), r = k - c * kh * kw, ky = r / kw, kx = r - ky * kw;
            int s0 = kx * g.dilationW - g.padLeft, phase = Math.floorMod(s0, sw), shift = Math.floorDiv(s0, sw);
            int lo0 = g.colLo[kx], hi0 = g.colHi[kx], tapBase = kx * outW;
            int p = p0;
            while (p < pEnd) {
                int oh = p / outW, ow0 = p - oh * outW, ow1 = Math.min(outW, ow0 + (pEnd - p));
                int d = k * ld + (p - p0);
                int ih = g.rowTap[ky * outH + oh];
                if (ih < 0) {
                    java.util.Arrays.fill(dst, d, d + (ow1 - ow0), 0f);
                } else {
                    int row = xOff + c * plane + ih * inW;
                    int lo = Math.min(Math.max(lo0, ow0), ow1), hi = Math.min(Math.max(hi0, lo), ow1);
                    for (int ow = ow0; ow < lo; ow++) {
                        int iw = g.colTap[tapBase + ow];
                        dst[d + ow - ow0] = iw < 0 ? 0f : x[row + iw];
                    }
                    if (hi > lo) {
                        int src = xsOff + (c * g.inH + ih) * rowLen + phase * phaseW + lo + shift;
                        System.arraycopy(xs, src, dst, d + lo - ow0, hi - lo);
                    }
                    for (int ow = hi; ow < ow1; ow++) {
                        int iw = g.colTap[tapBase + ow];
                        dst[d + ow - ow0] = iw < 0 ? 0f : x[row + iw];
                    }
                }
                p += ow1 - ow0;
            }
        }
    }

    /**
     * The im2row layout ({@code dst[(p-p0)*ld + (k-k0)]}) for a stride-1 plan, read from the padded copy
     * of the group's input at {@code padded[base...]} (see {@link ConvImplicitGemm}): entry (k, p) is
     * {@code padded[base + kOff[k] + oh*paddedW + ow]}. Writes run contiguously along k.
     */
    static void gatherRowsImplicit(float[] padded, int base, int[] kOff, int k0, int k1, int outW, int paddedW,
                                   int p0, int count, float[] dst, int ld) {
        for (int p = p0; p < p0 + count; p++) {
            int oh = p / outW, q = base + oh * paddedW + (p - oh * outW), d = (p - p0) * ld - k0;
            for (int k = k0; k < k1; k++) dst[d + k] = padded[q + kOff[k]];
        }
    }
}
