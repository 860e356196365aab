/**
 * The naive reference for every op of Stride, forward and backward: plain loops, double accumulation,
 * PyTorch semantics, written to be read. Public API: other engines may use it as a correctness oracle.
 * Every method validates its arguments and throws {@link java.lang.IllegalArgumentException} naming the
 * parameter; none modifies its inputs.
 */
package dev.stride.core.reference;
