package dev.stride.nn.io;

import dev.stride.core.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Writes NumPy {@code .npy} files as NumPy does: little-endian float32 ({@code <f4}) tensors or int64
 * ({@code <i8}) arrays, C order, format 1.0 (2.0 when the header does not fit 1.0's 16-bit length), the
 * header padded with spaces so that the data starts at a multiple of 64 bytes.
 *
 * <p>Files are written atomically: to a temporary file in the same folder, then moved over the target,
 * so a reader never sees a partial file and a failure leaves no output behind.
 */
public final class NpyWriter {
    private NpyWriter() {}

    /** The bytes of a float32 {@code .npy} file holding {@code t}. */
    public static byte[] float32(Tensor t) {
        float[] d = t.data();
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(d.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(d);
        return withHeader("<f4", t.shape(), b.array());
    }

    /** The bytes of an int64 {@code .npy} file of {@code shape} holding {@code values} (row-major). */
    public static byte[] int64(long[] values, int... shape) {
        checkCount(values.length, shape);
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return withHeader("<i8", shape, b.array());
    }

    /** Writes {@code t} as float32, atomically. */
    public static void writeFloat32(Path file, Tensor t) throws IOException { writeAtomically(file, float32(t)); }

    /** Writes an int64 array, atomically. */
    public static void writeInt64(Path file, long[] values, int... shape) throws IOException {
        writeAtomically(file, int64(values, shape));
    }

    /** Writes {@code bytes} to a temporary file beside {@code file} and moves it over {@code file}. */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = createTempBeside(file);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(bytes);
            }
            moveAtomically(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A new empty temporary file in {@code file}'s folder, hidden by a leading dot. */
    public static Path createTempBeside(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        return Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
    }

    /** Moves {@code tmp} over {@code target}, atomically where the file system allows. */
    public static void moveAtomically(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void checkCount(int n, int[] shape) {
        long count = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            count *= d;
        }
        if (count != n) {
            throw new IllegalArgumentException(n + " values do not fill shape " + Arrays.toString(shape) + " (" + count + " elements)");
        }
    }

    private static byte[] withHeader(String descr, int[] shape, byte[] data) {
        String dict = NpyHeader.format(descr, shape);
        // Preamble (magic, version, length) + dict + '\n', padded with spaces to a multiple of 64.
        int version = 1;
        int pre = 10;
        int total = pre + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        if (padded - pre > 0xffff) {
            version = 2;
            pre = 12;
            total = pre + dict.length() + 1;
            padded = (total + 63) / 64 * 64;
        }
        int headerLen = padded - pre;
        ByteBuffer b = ByteBuffer.allocate(padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyReader.MAGIC).put((byte) version).put((byte) 0);
        if (version == 1) b.putShort((short) headerLen);
        else b.putInt(headerLen);
        b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = dict.length(); i < headerLen - 1; i++) b.put((byte) ' ');
        b.put((byte) '\n');
        b.put(data);
        return b.array();
    }
}
