package dev.stride.nn;

import dev.stride.core.Tensor;
import java.util.Arrays;

/**
 * The output tensor a {@link Layer#replica replica} writes on every forward (through the ops' out=
 * variants) instead of allocating one per call. Only replicas use it: their outputs stay inside
 * {@link BatchSlices}, which copies the model's output out, so overwriting them on the next forward
 * is safe (by then the backward that needed them has run).
 */
final class OutputBuffer {
    private Tensor buffer;

    /** A tensor of {@code shape}: the one of the last call if the shape is the same. */
    Tensor of(int[] shape) {
        if (buffer == null || !Arrays.equals(buffer.shape(), shape)) buffer = Tensor.zeros(shape);
        return buffer;
    }
}
