package dev.stride.core.internal;

import dev.stride.core.*;
import java.util.Arrays;

/**
 * Vectorized fully-connected layer, {@code y = x W^T + b} on input {@code [..., in]}, weight
 * {@code [out, in]}, bias {@code [out]} or null.
 *
 * <ul>
 *   <li>Forward, fewer than {@link #GEMM_MIN_ROWS} rows: {@link LinearDotKernel} dot products (a GEMM
 *       tile would be mostly padding); more rows: {@link TransposedLinear}, {@code y^T = W x^T} with the
 *       weight read in place and only the input packed. The out= variant writes into the caller's tensor
 *       and allocates nothing in steady state (scratch is per thread and only grows).</li>
 *   <li>Backward: {@code gradInput = g W} (on the packed GEMM, or for fewer than {@link #GEMM_MIN_ROWS}
 *       rows as one axpy per weight row) and {@code gradWeight = g^T x} on the packed GEMM with the
 *       right-hand operand read in place; {@code gradBias} a per-feature sum.</li>
 * </ul>
 * Threads split output columns (and rows) in fixed blocks; results are bitwise identical for any
 * thread count. Error bound: {@code |y - exact| <= 8 * K * 2^-24 * sum|terms|}, K terms per output.
 */
final class VectorLinearOps {
    /** Rows from which the forward uses the GEMM. */
    static final int GEMM_MIN_ROWS = 16;
    private static final int COLUMN_BLOCK = 4 * PackedGemm.NB;
    private static final int ROW_BLOCK = 8 * PackedGemm.MR;
    private static final int AXPY_BLOCK = 512;
    /** Outputs per task of the bias gradient. */
    private static final int BIAS_BLOCK = 512;
    /**
     * Below this many multiply-adds a GEMM runs on the calling thread: waking a second thread costs tens
     * of microseconds, more than LeNet's 120->84 and 84->10 layers take at batch 64. Tasks are the same
     * fixed blocks either way, so the result does not depend on it.
     */
    private static final long PARALLEL_MIN_MACS = 1L << 20;

    private final int threads;

    VectorLinearOps(int threads) { this.threads = threads; }

    Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        check(input, weight, bias);
        return linearInto(input, weight, bias, Tensor.zeros(outputShape(input, weight)));
    }

    /** {@link #linear} into {@code out}: validated, then written without allocating. */
    Tensor linear(Tensor input, Tensor weight, Tensor bias, Tensor out) {
        check(input, weight, bias);
        OutArgument.check("linear", out, outputShape(input, weight));
        OutArgument.notShared("linear", out, "input", input);
        OutArgument.notShared("linear", out, "weight", weight);
        OutArgument.notShared("linear", out, "bias", bias);
        return linearInto(input, weight, bias, out);
    }

    private Tensor linearInto(Tensor input, Tensor weight, Tensor bias, Tensor y) {
        final int out = weight.dim(0), in = weight.dim(1), rows = rows(input);
        final float[] x = input.data(), w = weight.data(), b = bias == null ? null : bias.data(), yd = y.data();
        if (rows < GEMM_MIN_ROWS) {
            final int blocks = (out + 3) / 4;
            Parallel.forEach(threads, rows * blocks, task -> {
                int r = task / blocks, o0 = (task % blocks) * 4, count = Math.min(4, out - o0);
                if (VectorSupport.BITS > 0) {
                    LinearDotKernel.dots(x, r * in, w, o0 * in, in, count, yd, r * out + o0, b, o0);
                } else {
                    for (int o = o0; o < o0 + count; o++) {
                        float s = 0f;
                        for (int i = 0; i < in; i++) s += x[r * in + i] * w[o * in + i];
                        yd[r * out + o] = b == null ? s : s + b[o];
                    }
                }
            });
            return y;
        }
        int t = (long) rows * out * in < PARALLEL_MIN_MACS ? 1 : threads;
        TransposedLinear.forward(x, rows, in, w, out, b, yd, t);
        return y;
    }

    ConvGradients linearBackward(Tensor input, Tensor weight, Tensor gradOutput, boolean hasBias) {
        check(input, weight);
        return backwardInto(input, weight, gradOutput, new ConvGradients(Tensor.zeros(input.shape()),
                Tensor.zeros(weight.dim(0), weight.dim(1)), hasBias ? Tensor.zeros(weight.dim(0)) : null));
    }

    /** The gradients into {@code out}'s tensors (validated here), zeroed first as some paths add into them. */
    ConvGradients linearBackward(Tensor input, Tensor weight, Tensor gradOutput, ConvGradients outs) {
        check(input, weight);
        OutArgument.gradients("linear_backward", outs, input.shape(), weight.shape(),
                outs == null || outs.gradBias() == null ? null : new int[] {weight.dim(0)}, input, weight, gradOutput);
        if (outs.gradInput() != null) java.util.Arrays.fill(outs.gradInput().data(), 0f);
        java.util.Arrays.fill(outs.gradWeight().data(), 0f);
        if (outs.gradBias() != null) java.util.Arrays.fill(outs.gradBias().data(), 0f);
        return backwardInto(input, weight, gradOutput, outs);
    }

    /** {@code outs}' tensors are zero and of the right shapes; a null gradInput or gradBias is not computed. */
    private ConvGradients backwardInto(Tensor input, Tensor weight, Tensor gradOutput, ConvGradients outs) {
        Check.notNull("grad_output", gradOutput);
        final int out = weight.dim(0), in = weight.dim(1), rows = rows(input);
        int[] gShape = input.shape();
        gShape[gShape.length - 1] = out;
        gradOutput.requireShape("grad_output", gShape);
        final float[] x = input.data(), w = weight.data(), g = gradOutput.data();
        Workspace caller = Workspace.get();
        Tensor gradIn = outs.gradInput();
        if (gradIn != null && rows < GEMM_MIN_ROWS) {
            // Few rows: one pass over W per row (a GEMM tile would be mostly padding).
            final float[] gi = gradIn.data();
            final int blocks = (in + AXPY_BLOCK - 1) / AXPY_BLOCK;
            Parallel.forEach(threads, blocks, blk -> {
                int i0 = blk * AXPY_BLOCK, len = Math.min(AXPY_BLOCK, in - i0);
                for (int r = 0; r < rows; r++) {
                    for (int o = 0; o < out; o++) {
                        float a = g[r * out + o];
                        int done = VectorSupport.BITS > 0 ? AxpyKernel.axpy(a, w, o * in + i0, gi, r * in + i0, len) : 0;
                        for (int i = done; i < len; i++) gi[r * in + i0 + i] += a * w[o * in + i0 + i];
                    }
                }
            });
        } else if (gradIn != null) {
            float[] ag = caller.sharedA(PackedGemm.packedSize(rows, out));
            PackedGemm.packA(g, 0, out, 1, rows, out, ag, 0);
            gemmBlocks(rows, in, out, ag, w, in, gradIn.data());
        }
        Tensor gradW = outs.gradWeight();
        float[] agt = caller.sharedB(PackedGemm.packedSize(out, rows));
        PackedGemm.packA(g, 0, 1, out, out, rows, agt, 0);
        gemmBlocks(out, in, rows, agt, x, in, gradW.data());
        Tensor gradB = outs.gradBias();
        if (gradB != null) {
            float[] gb = gradB.data();
            // Per output a row-ascending sum from zero (gb starts at zero), run row by row over a block of
            // outputs so the loads are contiguous; a second thread pays only for large batches.
            final int blocks = (out + BIAS_BLOCK - 1) / BIAS_BLOCK;
            Parallel.forEach((long) rows * out < PARALLEL_MIN_MACS ? 1 : threads, blocks, blk -> {
                int o0 = blk * BIAS_BLOCK, o1 = Math.min(out, o0 + BIAS_BLOCK);
                for (int r = 0; r < rows; r++) {
                    int gr = r * out;
                    for (int o = o0; o < o1; o++) gb[o] += g[gr + o];
                }
            });
        }
        return outs;
    }

    /** {@code C[m x n] = A[m x k] * B[k x n]} (B row-major with leading dimension ldb), split in fixed blocks. */
    private void gemmBlocks(int m, int n, int k, float[] ap, float[] b, int ldb, float[] c) {
        final int colBlocks = (n + COLUMN_BLOCK - 1) / COLUMN_BLOCK, rowBlocks = (m + ROW_BLOCK - 1) / ROW_BLOCK;
        int t = (long) m * n * k < PARALLEL_MIN_MACS ? 1 : threads;
        Parallel.forEach(t, colBlocks * rowBlocks, task -> {
            int cb = task % colBlocks, rb = task / colBlocks;
            int j0 = cb * COLUMN_BLOCK, i0 = rb * ROW_BLOCK;
            PackedGemm.gemm(Math.min(ROW_BLOCK, m - i0), Math.min(COLUMN_BLOCK, n - j0), k, ap, i0 * k,
                    b, j0, ldb, false, c, i0 * n + j0, n, false, null, 0, PackedGemm.ACT_NONE, 0f, Workspace.get());
        });
    }

    private static int[] outputShape(Tensor input, Tensor weight) {
        int[] shape = input.shape();
        shape[shape.length - 1] = weight.dim(0);
        return shape;
    }

    private static void check(Tensor input, Tensor weight, Tensor bias) {
        check(input, weight);
        if (bias != null) bias.requireShape("bias", weight.dim(0));
    }

    private static void check(Tensor input, Tensor weight) {
        Check.notNull("input", input);
        Check.notNull("weight", weight);
        if (input.rank() < 1) throw new IllegalArgumentException("input must have at least 1 dimension [..., in], got shape []");
        weight.requireRank("weight [out, in]", 2);
        if (input.dim(-1) != weight.dim(1)) {
            throw new IllegalArgumentException("input has shape " + Arrays.toString(input.shape())
                    + " whose last dimension must equal weight's in-features " + weight.dim(1)
                    + " (weight shape " + Arrays.toString(weight.shape()) + ")");
        }
    }

    private static int rows(Tensor input) {
        int[] s = input.shape();
        int n = 1;
        for (int i = 0; i < s.length - 1; i++) n *= s[i];
        return n;
    }
}
