package dev.stride.core;

/**
 * Output of max pooling with indices: {@code indices[i]} is PyTorch's index of the maximum of output
 * element {@code i} (row-major), flat within its channel's input plane ({@code h*W + w}; for 1-D, the
 * position along the length).
 */
public record MaxPoolResult(Tensor output, long[] indices) {}
