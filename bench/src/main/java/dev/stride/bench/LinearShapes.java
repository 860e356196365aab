package dev.stride.bench;

/**
 * The fully-connected shapes of the benchmark corpus ({@code rows x in -> out}; FLOPs = 2*rows*in*out):
 * <ul>
 *   <li>F1: LeNet-5's first linear layer at batch 64, 64 x 400 -> 120 (6.1 MFLOP);</li>
 *   <li>F2: one vector, 1 x 800 -> 500 (0.8 MFLOP, bound by reading the weights);</li>
 *   <li>F3: a batch, 64 x 800 -> 500 (51 MFLOP);</li>
 *   <li>F4: a large GEMM, 64 x 4096 -> 4096 (2.1 GFLOP; the 85%-of-peak target).</li>
 * </ul>
 */
public enum LinearShapes {
    F1(64, 400, 120),
    F2(1, 800, 500),
    F3(64, 800, 500),
    F4(64, 4096, 4096);

    private final int rows, in, out;

    LinearShapes(int rows, int in, int out) {
        this.rows = rows;
        this.in = in;
        this.out = out;
    }

    public int rows() { return rows; }

    public int in() { return in; }

    public int out() { return out; }

    /** Forward FLOPs (2 per multiply-accumulate; the bias adds are not counted). */
    public double flops() { return 2.0 * rows * in * out; }
}
