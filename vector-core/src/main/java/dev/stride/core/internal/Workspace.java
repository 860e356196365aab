package dev.stride.core.internal;

/**
 * Per-thread scratch arrays for the convolution and linear kernels, kept between calls so that a
 * steady-state call allocates nothing but its output. Each array only grows, to the largest size a
 * call on this thread has asked for; the kernels bound those sizes (see {@link PackedGemm} and
 * {@link ConvPlan}: the im2col tile is at most {@link ConvPlan#TILE_CAP_FLOATS} floats, or one
 * column block of {@code K} rows when {@code K} alone exceeds it).
 *
 * <p>The arrays have distinct roles so that a caller's buffer shared with the pool's tasks (packed
 * weights) is never reused by the same thread for a task's private data while the call runs.
 */
final class Workspace {
    private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

    /** The calling thread's workspace. */
    static Workspace get() { return LOCAL.get(); }

    private float[] sharedA = new float[0];
    private float[] sharedB = new float[0];
    private float[] taskA = new float[0];
    private float[] col = new float[0];
    private float[] plane = new float[0];
    /** Edge tile of the GEMM driver: MR x NB floats. */
    final float[] tile = new float[PackedGemm.MR * PackedGemm.NB];
    /** Bias of an edge tile, padded to MR rows. */
    final float[] tileBias = new float[PackedGemm.MR];
    private float[] bTail = new float[0];
    private float[] adjointWeights = new float[0];
    private float[] adjointOut = new float[0];

    /** Flipped, transposed weights of the input-gradient convolution (calling thread, shared by tasks). */
    float[] adjointWeights(int n) { if (adjointWeights.length < n) adjointWeights = new float[n]; return adjointWeights; }

    /** Gradient with respect to the padded input (calling thread, shared by tasks). */
    float[] adjointOut(int n) { if (adjointOut.length < n) adjointOut = new float[n]; return adjointOut; }

    /** Packed operand written by the calling thread and read by every task of one call. */
    float[] sharedA(int n) { if (sharedA.length < n) sharedA = new float[n]; return sharedA; }

    /** A second shared packed operand (linear backward packs two). */
    float[] sharedB(int n) { if (sharedB.length < n) sharedB = new float[n]; return sharedB; }

    /** Packed operand private to one task. */
    float[] taskA(int n) { if (taskA.length < n) taskA = new float[n]; return taskA; }

    /** im2col / im2row / gradient-column tile private to one task. */
    float[] col(int n) { if (col.length < n) col = new float[n]; return col; }

    /** A padded input plane (depthwise path). */
    float[] plane(int n) { if (plane.length < n) plane = new float[n]; return plane; }

    /** The last partial column block of an in-place B operand, copied with its columns zero-padded. */
    float[] bTail(int n) { if (bTail.length < n) bTail = new float[n]; return bTail; }
}
