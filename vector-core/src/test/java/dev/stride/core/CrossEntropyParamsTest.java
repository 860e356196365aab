package dev.stride.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CrossEntropyParams and Reduction: PyTorch's defaults, validation, defensive copies of the weights. */
class CrossEntropyParamsTest {

    @Test
    void defaultsAreTorchs() {
        CrossEntropyParams p = CrossEntropyParams.defaults();
        assertEquals(Reduction.MEAN, p.reduction());
        assertEquals(0f, p.labelSmoothing());
        assertEquals(-100, p.ignoreIndex());
        assertNull(p.classWeights());
    }

    @Test
    void smoothingMustLieInZeroOne() {
        assertEquals(0f, new CrossEntropyParams(Reduction.SUM, 0f, -100, null).labelSmoothing());
        assertEquals(1f, new CrossEntropyParams(Reduction.SUM, 1f, -100, null).labelSmoothing());
        for (float bad : new float[] {-0.01f, 1.01f, Float.NaN, Float.POSITIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class, () -> CrossEntropyParams.defaults().withLabelSmoothing(bad));
            assertTrue(e.getMessage().contains("label_smoothing " + bad) && e.getMessage().contains("[0, 1]"), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> new CrossEntropyParams(null, 0f, -100, null));
        assertTrue(e.getMessage().contains("reduction"), e.getMessage());
    }

    @Test
    void weightsAreCopiedInAndOut() {
        float[] w = {1f, 2f, 3f};
        CrossEntropyParams p = new CrossEntropyParams(Reduction.MEAN, 0.1f, 2, w);
        w[0] = 100f;
        assertArrayEquals(new float[] {1f, 2f, 3f}, p.classWeights());
        p.classWeights()[1] = 100f;
        assertArrayEquals(new float[] {1f, 2f, 3f}, p.classWeights());
    }

    @Test
    void withersKeepTheOtherFields() {
        CrossEntropyParams p = new CrossEntropyParams(Reduction.MEAN, 0.1f, 2, new float[] {1f, 2f});
        CrossEntropyParams q = p.withReduction(Reduction.NONE).withLabelSmoothing(0.3f);
        assertEquals(Reduction.NONE, q.reduction());
        assertEquals(0.3f, q.labelSmoothing());
        assertEquals(2, q.ignoreIndex());
        assertArrayEquals(new float[] {1f, 2f}, q.classWeights());
    }

    @Test
    void reductionParsesTorchNames() {
        assertEquals(Reduction.NONE, Reduction.parse("none"));
        assertEquals(Reduction.MEAN, Reduction.parse("Mean"));
        assertEquals(Reduction.SUM, Reduction.parse("SUM"));
        var e = assertThrows(IllegalArgumentException.class, () -> Reduction.parse("batchmean"));
        assertTrue(e.getMessage().contains("'batchmean'"), e.getMessage());
    }
}
