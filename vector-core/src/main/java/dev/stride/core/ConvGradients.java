package dev.stride.core;

/**
 * Gradients of a convolution (or linear) layer: with respect to its input, weight and bias
 * ({@code gradBias} is null when the op has no bias). Shapes match the forward's input, weight and bias.
 */
public record ConvGradients(Tensor gradInput, Tensor gradWeight, Tensor gradBias) {}
