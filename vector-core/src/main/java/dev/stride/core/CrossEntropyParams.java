package dev.stride.core;

/**
 * Parameters of cross-entropy from logits ({@code torch.nn.functional.cross_entropy} with class-index
 * targets): reduction (default MEAN), label smoothing in [0, 1] (default 0), ignore_index (default -100),
 * and optional per-class weights ({@code null} = all 1).
 *
 * <p>With MEAN the sum is divided by the total weight of the targets not ignored (PyTorch rule).
 */
public record CrossEntropyParams(Reduction reduction, float labelSmoothing, int ignoreIndex, float[] classWeights) {
    public CrossEntropyParams {
        Check.notNull("reduction", reduction);
        Check.that(labelSmoothing >= 0f && labelSmoothing <= 1f,
                "label_smoothing " + labelSmoothing + " must be in [0, 1]");
        if (classWeights != null) classWeights = classWeights.clone();
    }

    /** PyTorch defaults: mean, no smoothing, ignore_index -100, no weights. */
    public static CrossEntropyParams defaults() { return new CrossEntropyParams(Reduction.MEAN, 0f, -100, null); }

    public CrossEntropyParams withReduction(Reduction r) { return new CrossEntropyParams(r, labelSmoothing, ignoreIndex, classWeights); }

    public CrossEntropyParams withLabelSmoothing(float s) { return new CrossEntropyParams(reduction, s, ignoreIndex, classWeights); }

    @Override
    public float[] classWeights() { return classWeights == null ? null : classWeights.clone(); }
}
