package dev.stride.core.reference;

import dev.stride.core.PaddingMode;

/**
 * Where a convolution reads a cell that lies in its padding, for each {@link PaddingMode}.
 *
 * <p>PyTorch computes a convolution with a non-zero padding mode as {@code F.pad(input, mode)} followed
 * by a convolution without padding. Mapping a padded coordinate back to the input cell it copies gives
 * the same result without materialising the padded tensor, and the same map routes gradients back in
 * the backward pass (several padded cells may copy one input cell, so their gradients accumulate).
 */
public final class ConvPadding {
    private ConvPadding() {}

    /**
     * The input index that the cell at {@code index} (an input coordinate that may lie in the padding,
     * {@code -padBefore <= index < size + padAfter}) copies, or {@code -1} when it reads zero.
     *
     * <p>ZEROS: -1 outside {@code [0, size)}. REFLECT: mirrored about the edge cell, which is not
     * repeated ({@code -1 -> 1}). REPLICATE: clamped to the edge. CIRCULAR: wrapped once ({@code -1 -> size-1}).
     * The parameter records guarantee the padding is small enough for one reflection or wrap
     * (reflect: padding < size; circular: padding <= size).
     *
     * @throws IllegalArgumentException if {@code size < 1}, or if {@code index} is too far outside the
     *     input for one reflection or wrap
     */
    public static int sourceIndex(int index, int size, PaddingMode mode) {
        if (size < 1) throw new IllegalArgumentException("size " + size + " must be positive");
        if (index >= 0 && index < size) return index;
        int source = switch (mode) {
            case ZEROS -> -1;
            case REFLECT -> index < 0 ? -index : 2 * (size - 1) - index;
            case REPLICATE -> index < 0 ? 0 : size - 1;
            case CIRCULAR -> index < 0 ? index + size : index - size;
        };
        if (mode != PaddingMode.ZEROS && (source < 0 || source >= size)) {
            throw new IllegalArgumentException("index " + index + " is too far outside an axis of size " + size
                    + " for " + mode + " padding (one reflection or wrap at most)");
        }
        return source;
    }
}
