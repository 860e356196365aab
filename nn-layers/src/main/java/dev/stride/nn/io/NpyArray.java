package dev.stride.nn.io;

import dev.stride.core.Tensor;
import java.util.Arrays;

/**
 * The contents of a {@code .npy} file: its source name, dtype, shape (C order) and values, held as
 * float32 for floating dtypes ({@link #floats()}) or as int64 for integer dtypes ({@link #longs()}).
 */
public final class NpyArray {
    private final String source;
    private final NpyDtype dtype;
    private final int[] shape;
    private final float[] floats;
    private final long[] longs;

    NpyArray(String source, NpyDtype dtype, int[] shape, float[] floats, long[] longs) {
        this.source = source;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.floats = floats;
        this.longs = longs;
    }

    /** Where the array came from (the file name), for messages. */
    public String source() { return source; }

    /** The dtype as stored in the file. */
    public NpyDtype dtype() { return dtype; }

    /** The shape (a copy); {@code []} for a 0-d array. */
    public int[] shape() { return shape.clone(); }

    /** Number of elements. */
    public int size() { return floating() ? floats.length : longs.length; }

    /** True when the file holds float32 or float64 values. */
    public boolean floating() { return floats != null; }

    /** The values as float32 (float64 rounded to nearest). */
    public float[] floats() throws NpyFormatException {
        if (floats == null) {
            throw new NpyFormatException(source, "dtype " + dtype.descr() + " is an integer type, expected float32 or float64");
        }
        return floats.clone();
    }

    /** The values as a tensor of the file's shape. */
    public Tensor toTensor() throws NpyFormatException { return Tensor.wrap(floats(), shape); }

    /** The values of an integer file. */
    public long[] longs() throws NpyFormatException {
        if (longs == null) {
            throw new NpyFormatException(source, "dtype " + dtype.descr() + " is a float type, expected int64 or int32");
        }
        return longs.clone();
    }

    /** The values of an integer file as ints; a value outside the int range is an error naming its position. */
    public int[] ints() throws NpyFormatException {
        long[] v = longs();
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != (int) v[i]) {
                throw new NpyFormatException(source, "value " + v[i] + " at flat position " + i + " does not fit in 32 bits");
            }
            r[i] = (int) v[i];
        }
        return r;
    }

    @Override
    public String toString() { return "NpyArray[" + source + ", " + dtype.descr() + ", " + Arrays.toString(shape) + "]"; }
}
