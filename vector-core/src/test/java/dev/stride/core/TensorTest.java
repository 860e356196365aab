package dev.stride.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Tensor: factories, shape access, indexing, reshape, copies, tolerance and bitwise comparison, errors. */
class TensorTest {
    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;

    private static IllegalArgumentException assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), () -> "message should contain '" + expected + "': " + e.getMessage());
        return e;
    }

    @Test
    void zerosFullAndScalar() {
        Tensor z = Tensor.zeros(2, 3, 4);
        assertArrayEquals(new int[] {2, 3, 4}, z.shape());
        assertEquals(3, z.rank());
        assertEquals(24, z.size());
        for (float v : z.data()) assertEquals(0f, v);
        Tensor f = Tensor.full(2.5f, 3, 2);
        for (float v : f.data()) assertEquals(2.5f, v);
        Tensor s = Tensor.scalar(7f);
        assertEquals(0, s.rank());
        assertEquals(1, s.size());
        assertEquals(7f, s.get());
        assertEquals(1, Tensor.zeros().size());
        assertEquals(0, Tensor.zeros(3, 0, 2).size());
    }

    @Test
    void wrapSharesAndOfCopies() {
        float[] d = {1, 2, 3, 4, 5, 6};
        Tensor w = Tensor.wrap(d, 2, 3);
        assertSame(d, w.data());
        d[4] = 50;
        assertEquals(50f, w.get(1, 1));
        Tensor o = Tensor.of(d, 3, 2);
        assertNotSame(d, o.data());
        d[0] = -1;
        assertEquals(1f, o.get(0, 0));
        // The shape passed in is copied too.
        int[] shape = {6};
        Tensor t = Tensor.wrap(d, shape);
        shape[0] = 3;
        assertArrayEquals(new int[] {6}, t.shape());
        t.shape()[0] = 2;
        assertArrayEquals(new int[] {6}, t.shape());
    }

    @Test
    void factoryErrors() {
        assertMessage("data is null", () -> Tensor.wrap(null, 2));
        assertMessage("data is null", () -> Tensor.of(null, 2));
        assertMessage("data length 5", () -> Tensor.wrap(new float[5], 2, 3));
        assertMessage("negative dimension -2 at index 1", () -> Tensor.zeros(3, -2));
        assertMessage("2^31", () -> Tensor.zeros(1 << 16, 1 << 16));
        assertMessage("shape is null", () -> Tensor.zeros((int[]) null));
    }

    @Test
    void sameFloatsCountsEveryNaNAsOneValueButTellsSignedZerosApart() {
        float otherNaN = Float.intBitsToFloat(0xffc00001);
        Tensor a = Tensor.of(new float[] {1f, Float.NaN, 0f}, 3);
        assertTrue(a.sameFloats(Tensor.of(new float[] {1f, otherNaN, 0f}, 3)));
        assertFalse(a.bitwiseEquals(Tensor.of(new float[] {1f, otherNaN, 0f}, 3)));
        assertFalse(a.sameFloats(Tensor.of(new float[] {1f, Float.NaN, -0f}, 3)));
        assertFalse(a.sameFloats(Tensor.of(new float[] {1f, Float.NaN, 0f}, 1, 3)));
        assertFalse(a.sameFloats(Tensor.of(new float[] {1f, 2f, 0f}, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.sameFloats(null));
        assertTrue(e.getMessage().contains("other"), e.getMessage());
    }

    @Test
    void seededRandomFactories() {
        Tensor a = Tensor.uniform(42, -2f, 3f, 1000);
        assertTrue(a.bitwiseEquals(Tensor.uniform(42, -2f, 3f, 1000)), "same seed, same tensor");
        assertFalse(a.bitwiseEquals(Tensor.uniform(43, -2f, 3f, 1000)), "another seed, another tensor");
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (float v : a.data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min >= -2f && max <= 3f, "range [" + min + ", " + max + "]");
        assertTrue(min < -1.9 && max > 2.9, "1000 samples should come near both ends");
        Tensor n = Tensor.normal(7, 2f, 20000);
        assertTrue(n.bitwiseEquals(Tensor.normal(7, 2f, 20000)));
        double sum = 0, sq = 0;
        for (float v : n.data()) {
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / n.size();
        assertEquals(0, mean, 0.06);
        assertEquals(2, Math.sqrt(sq / n.size() - mean * mean), 0.06);
    }

    @Test
    void dimsCountFromTheEnd() {
        Tensor t = Tensor.zeros(2, 3, 4);
        assertEquals(4, t.dim(-1));
        assertEquals(2, t.dim(-3));
        assertEquals(3, t.dim(1));
        assertMessage("dim 3 is out of range for a tensor of rank 3", () -> t.dim(3));
        assertMessage("dim -4", () -> t.dim(-4));
        assertEquals(2, Tensor.normalizeDim(-1, 3, "dim"));
        assertEquals(0, Tensor.normalizeDim(0, 0, "dim"));
        assertEquals(0, Tensor.normalizeDim(-1, 0, "dim"));
        assertMessage("axis 1 is out of range for a tensor of rank 0", () -> Tensor.normalizeDim(1, 0, "axis"));
        assertMessage("axis -2", () -> Tensor.normalizeDim(-2, 0, "axis"));
    }

    @Test
    void getSetAndFlatIndexAreRowMajor() {
        Tensor t = Tensor.zeros(2, 3, 4);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++) {
                    assertEquals((i * 3 + j) * 4 + k, t.flatIndex(i, j, k));
                    t.set(100 * i + 10 * j + k, i, j, k);
                }
        assertEquals(123f, t.get(1, 2, 3));
        assertEquals(123f, t.data()[23]);
        assertEquals(12f, t.data()[(0 * 3 + 1) * 4 + 2]);
    }

    @Test
    void indexErrors() {
        Tensor t = Tensor.zeros(2, 3);
        assertMessage("index has 1 dimensions, tensor has 2", () -> t.get(1));
        assertMessage("index has 3 dimensions", () -> t.set(1f, 0, 0, 0));
        assertMessage("index 3 out of range for dimension 1 of size 3", () -> t.get(0, 3));
        assertMessage("index -1 out of range for dimension 0", () -> t.flatIndex(-1, 0));
        assertMessage("index 2 out of range", () -> t.set(1f, 2, 0));
    }

    @Test
    void reshapeSharesDataAndInfersOneDimension() {
        Tensor t = Tensor.uniform(1, 0f, 1f, 2, 3, 4);
        Tensor r = t.reshape(4, -1);
        assertArrayEquals(new int[] {4, 6}, r.shape());
        assertSame(t.data(), r.data());
        r.set(-5f, 3, 5);
        assertEquals(-5f, t.get(1, 2, 3));
        assertArrayEquals(new int[] {24}, t.reshape(-1).shape());
        assertArrayEquals(new int[] {2, 12}, t.reshape(2, -1).shape());
        assertArrayEquals(new int[] {0, 3}, Tensor.zeros(0, 3).reshape(-1, 3).shape());
        assertArrayEquals(new int[0], Tensor.zeros(1, 1).reshape().shape());
        assertArrayEquals(new int[] {1, 1, 1}, Tensor.scalar(2f).reshape(1, -1, 1).shape());
    }

    @Test
    void reshapeErrors() {
        Tensor t = Tensor.zeros(2, 3, 4);
        assertMessage("only one dimension may be -1", () -> t.reshape(-1, -1));
        assertMessage("negative dimension -2", () -> t.reshape(-2, 12));
        assertMessage("cannot infer -1", () -> t.reshape(5, -1));
        assertMessage("cannot infer -1", () -> Tensor.zeros(0, 3).reshape(0, -1));
        assertMessage("does not hold 24 elements", () -> t.reshape(5, 5));
        assertMessage("does not hold 24 elements", () -> t.reshape());
    }

    @Test
    void copyIsDeep() {
        Tensor t = Tensor.uniform(3, 0f, 1f, 2, 2);
        Tensor c = t.copy();
        assertTrue(c.bitwiseEquals(t));
        assertNotSame(t.data(), c.data());
        c.set(9f, 0, 0);
        assertFalse(c.bitwiseEquals(t));
    }

    @Test
    void shapeRequirementsNameTheTensor() {
        Tensor t = Tensor.zeros(2, 3);
        t.requireShape("weight", 2, 3);
        t.requireRank("weight", 2);
        assertTrue(t.sameShape(Tensor.zeros(2, 3)));
        assertFalse(t.sameShape(Tensor.zeros(3, 2)));
        assertMessage("weight has shape [2, 3], expected [3, 2]", () -> t.requireShape("weight", 3, 2));
        assertMessage("bias must have 1 dimensions, got shape [2, 3]", () -> t.requireRank("bias", 1));
    }

    @Test
    void maxAbsDiffWithNaNAndInfinities() {
        Tensor a = Tensor.of(new float[] {1, 2, NAN, INF, -INF}, 5);
        assertEquals(0f, a.maxAbsDiff(a.copy()), "NaN matches NaN, equal infinities match");
        Tensor b = Tensor.of(new float[] {1.5f, 1, NAN, INF, -INF}, 5);
        assertEquals(1f, a.maxAbsDiff(b));
        assertTrue(Float.isNaN(a.maxAbsDiff(Tensor.of(new float[] {1, 2, 0, INF, -INF}, 5))), "NaN against a number");
        assertTrue(Float.isNaN(Tensor.of(new float[] {0}, 1).maxAbsDiff(Tensor.of(new float[] {NAN}, 1))));
        assertEquals(INF, a.maxAbsDiff(Tensor.of(new float[] {1, 2, NAN, 3, -INF}, 5)));
        assertMessage("shape mismatch", () -> a.maxAbsDiff(Tensor.zeros(4)));
    }

    @Test
    void allCloseWithNaNAndInfinities() {
        Tensor a = Tensor.of(new float[] {1, 100, NAN, INF}, 4);
        assertTrue(a.allClose(a.copy(), 0f, 0f));
        assertTrue(a.allClose(Tensor.of(new float[] {1.05f, 101, NAN, INF}, 4), 0.1f, 0.01f));
        assertFalse(a.allClose(Tensor.of(new float[] {1.05f, 102, NAN, INF}, 4), 0.1f, 0.009f), "rtol applies to |b|");
        assertFalse(a.allClose(Tensor.of(new float[] {1.2f, 100, NAN, INF}, 4), 0.1f, 0.01f), "atol exceeded");
        assertFalse(a.allClose(Tensor.of(new float[] {1, 100, 0, INF}, 4), 1f, 1f), "NaN vs number");
        assertFalse(a.allClose(Tensor.of(new float[] {1, 100, NAN, -INF}, 4), 1f, 1f), "inf vs -inf");
        assertFalse(a.allClose(Tensor.of(new float[] {1, 100, NAN, Float.MAX_VALUE}, 4), 1f, 1f), "inf vs finite");
        assertFalse(a.allClose(Tensor.zeros(2, 2), 1f, 1f), "shape mismatch is not close");
    }

    @Test
    void bitwiseEqualsDistinguishesSignedZerosAndNaNPayloads() {
        assertTrue(Tensor.of(new float[] {1, NAN}, 2).bitwiseEquals(Tensor.of(new float[] {1, NAN}, 2)));
        assertFalse(Tensor.of(new float[] {0f}, 1).bitwiseEquals(Tensor.of(new float[] {-0f}, 1)));
        float otherNaN = Float.intBitsToFloat(0x7fc00001);
        assertTrue(Float.isNaN(otherNaN));
        assertFalse(Tensor.of(new float[] {NAN}, 1).bitwiseEquals(Tensor.of(new float[] {otherNaN}, 1)));
        assertFalse(Tensor.zeros(2, 3).bitwiseEquals(Tensor.zeros(3, 2)));
        assertFalse(Tensor.zeros(6).bitwiseEquals(Tensor.zeros(2, 3)));
    }

    @Test
    void toStringShowsShapeAndFirstValues() {
        String s = Tensor.wrap(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 2, 5).toString();
        assertTrue(s.startsWith("Tensor[2, 5]"), s);
        assertTrue(s.contains("8.0, ..."), s);
    }
}
