package dev.stride.nn;

import dev.stride.core.Tensor;

/** Holds what a layer's forward left for its backward, and says clearly when there is nothing. */
final class ForwardCache {
    private final String layer;
    private Tensor input;

    ForwardCache(String layer) { this.layer = layer; }

    void put(Tensor t) { input = t; }

    Tensor get() {
        if (input == null) throw new IllegalStateException(layer + ": backward called before forward");
        return input;
    }
}
