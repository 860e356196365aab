package dev.stride.core;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A dense float32 tensor: a shape and a row-major {@code float[]}.
 *
 * <p>Images are NCHW, as in PyTorch. The backing array is exposed by {@link #data()} for kernels and
 * I/O; methods that return a new tensor say so, and {@link #reshape} shares the array (no copy).
 * A rank-0 tensor (shape {@code []}) holds one value.
 *
 * <p>Errors: a shape with a negative dimension, data whose length does not match the shape, or an
 * index out of range is an {@link IllegalArgumentException} naming the offending value.
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    private Tensor(float[] data, int[] shape) {
        this.shape = shape;
        this.data = data;
    }

    /** A tensor of zeros of the given shape. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[checkedSize(shape)], shape.clone());
    }

    /** A tensor filled with {@code value}. */
    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /** Wraps {@code data} (no copy: later writes to the array show in the tensor). */
    public static Tensor wrap(float[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data is null");
        long n = checkedSize(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("data length " + data.length + " does not match shape "
                    + Arrays.toString(shape) + " (" + n + " elements)");
        }
        return new Tensor(data, shape.clone());
    }

    /** A tensor holding a copy of {@code data}. */
    public static Tensor of(float[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data is null");
        return wrap(data.clone(), shape);
    }

    /** A rank-0 tensor holding {@code value}. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0]);
    }

    /** Uniform values in [lo, hi) from a seeded generator: the same seed gives the same tensor. */
    public static Tensor uniform(long seed, float lo, float hi, int... shape) {
        Tensor t = zeros(shape);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < t.data.length; i++) t.data[i] = (float) (lo + (hi - lo) * r.nextDouble());
        return t;
    }

    /** Standard normal values times {@code std} from a seeded generator. */
    public static Tensor normal(long seed, float std, int... shape) {
        Tensor t = zeros(shape);
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < t.data.length; i++) t.data[i] = (float) (r.nextGaussian() * std);
        return t;
    }

    private static int checkedSize(int[] shape) {
        if (shape == null) throw new IllegalArgumentException("shape is null");
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has negative dimension "
                        + shape[i] + " at index " + i);
            }
            n *= shape[i];
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + " has more than 2^31 elements, the limit of a Java array");
            }
        }
        return (int) n;
    }

    /** The shape (a copy). */
    public int[] shape() { return shape.clone(); }

    /** Dimension {@code i}; negative {@code i} counts from the end as in PyTorch. */
    public int dim(int i) { return shape[normalizeDim(i, shape.length, "dim")]; }

    /** Number of dimensions. */
    public int rank() { return shape.length; }

    /** Number of elements. */
    public int size() { return data.length; }

    /** The backing array, row-major (not a copy). */
    public float[] data() { return data; }

    /** The element at a full index. */
    public float get(int... index) { return data[flatIndex(index)]; }

    /** Sets the element at a full index. */
    public void set(float value, int... index) { data[flatIndex(index)] = value; }

    /** Row-major flat position of a full index. */
    public int flatIndex(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index has " + index.length + " dimensions, tensor has "
                    + shape.length + " (shape " + Arrays.toString(shape) + ")");
        }
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IllegalArgumentException("index " + index[i] + " out of range for dimension " + i
                        + " of size " + shape[i]);
            }
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    /** The same data seen with another shape (no copy); one dimension may be -1 and is inferred. */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape: only one dimension may be -1, got "
                        + Arrays.toString(newShape));
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("reshape: negative dimension " + s[i] + " in "
                        + Arrays.toString(newShape));
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || data.length % known != 0) {
                throw new IllegalArgumentException("reshape: cannot infer -1 in " + Arrays.toString(newShape)
                        + " for " + data.length + " elements");
            }
            s[infer] = (int) (data.length / known);
        }
        if (checkedSize(s) != data.length) {
            throw new IllegalArgumentException("reshape: shape " + Arrays.toString(newShape) + " does not hold "
                    + data.length + " elements of shape " + Arrays.toString(shape));
        }
        return new Tensor(data, s);
    }

    /** A deep copy. */
    public Tensor copy() { return new Tensor(data.clone(), shape.clone()); }

    /** True when the shapes are equal. */
    public boolean sameShape(Tensor other) { return Arrays.equals(shape, other.shape); }

    /** Throws {@link IllegalArgumentException} naming {@code what} unless the shape is {@code expected}. */
    public void requireShape(String what, int... expected) {
        if (!Arrays.equals(shape, expected)) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(shape) + ", expected "
                    + Arrays.toString(expected));
        }
    }

    /** Throws {@link IllegalArgumentException} naming {@code what} unless the rank is {@code expected}. */
    public void requireRank(String what, int expected) {
        if (shape.length != expected) {
            throw new IllegalArgumentException(what + " must have " + expected + " dimensions, got shape "
                    + Arrays.toString(shape));
        }
    }

    /** Largest absolute element-wise difference; NaN if either holds a NaN where the other does not. */
    public float maxAbsDiff(Tensor other) {
        requireSameShape(other);
        float m = 0;
        for (int i = 0; i < data.length; i++) {
            float a = data[i], b = other.data[i];
            if (Float.isNaN(a) || Float.isNaN(b)) {
                if (Float.isNaN(a) && Float.isNaN(b)) continue;
                return Float.NaN;
            }
            if (a == b) continue; // covers equal infinities
            m = Math.max(m, Math.abs(a - b));
        }
        return m;
    }

    /**
     * Equality within a tolerance: same shape and, element-wise, {@code |a-b| <= atol + rtol*|b|}; NaN
     * equals NaN and infinities must match exactly.
     */
    public boolean allClose(Tensor other, float atol, float rtol) {
        if (!sameShape(other)) return false;
        for (int i = 0; i < data.length; i++) {
            float a = data[i], b = other.data[i];
            if (Float.isNaN(a) || Float.isNaN(b)) {
                if (Float.isNaN(a) && Float.isNaN(b)) continue;
                return false;
            }
            if (a == b) continue;
            if (Float.isInfinite(a) || Float.isInfinite(b)) return false;
            if (Math.abs(a - b) > atol + rtol * Math.abs(b)) return false;
        }
        return true;
    }

    private void requireSameShape(Tensor other) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException("shape mismatch: " + Arrays.toString(shape) + " vs "
                    + Arrays.toString(other.shape));
        }
    }

    /**
     * Equality of shape and every float's bits, with all NaNs counted as one value ({@link Float#floatToIntBits}):
     * signed zeros still differ. For comparing two computations of the same result where a NaN's payload is
     * not part of the contract (the hardware picks it by operand order, which the JIT may swap).
     */
    public boolean sameFloats(Tensor other) {
        Check.notNull("other", other);
        if (!sameShape(other)) return false;
        for (int i = 0; i < data.length; i++) {
            if (Float.floatToIntBits(data[i]) != Float.floatToIntBits(other.data[i])) return false;
        }
        return true;
    }

    /** Bitwise equality of shape and every float (NaN payloads included). */
    public boolean bitwiseEquals(Tensor other) {
        if (!sameShape(other)) return false;
        for (int i = 0; i < data.length; i++) {
            if (Float.floatToRawIntBits(data[i]) != Float.floatToRawIntBits(other.data[i])) return false;
        }
        return true;
    }

    /** Normalises a possibly negative dimension index as PyTorch does. */
    public static int normalizeDim(int dim, int rank, String name) {
        // A rank-0 tensor accepts dim 0 and -1, as in PyTorch.
        int d = dim < 0 ? dim + Math.max(rank, 1) : dim;
        if (d < 0 || d >= Math.max(rank, 1)) {
            throw new IllegalArgumentException(name + " " + dim + " is out of range for a tensor of rank " + rank
                    + " (expected " + (-Math.max(rank, 1)) + " to " + (Math.max(rank, 1) - 1) + ")");
        }
        return d;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Arrays.toString(shape)).append(' ');
        int n = Math.min(data.length, 8);
        sb.append('[');
        for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : ", ").append(data[i]);
        if (data.length > n) sb.append(", ...");
        return sb.append(']').toString();
    }
}
