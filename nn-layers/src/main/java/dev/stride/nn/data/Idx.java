package dev.stride.nn.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader of the IDX files of MNIST (http://yann.lecun.com/exdb/mnist/): a big-endian magic number
 * {@code 0x00000803} (unsigned bytes, 3 dimensions: images) or {@code 0x00000801} (1 dimension: labels),
 * the dimensions as big-endian int32, then the bytes. Gzipped files (magic 1f 8b) are unpacked on the fly.
 *
 * <p>Errors: a wrong magic number, a dimension that is not positive, fewer or more bytes than the
 * dimensions promise, a label outside 0..9 are {@link IOException}s naming the file (or resource) and
 * the fault.
 */
public final class Idx {
    /** Magic number of an IDX file of unsigned bytes with 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {}

    /** Images: {@code count x rows x cols} unsigned bytes, row-major. */
    public record Images(int count, int rows, int cols, byte[] pixels) {}

    /** Reads an images file. */
    public static Images readImages(Path file) throws IOException {
        return parseImages(readMaybeGzip(file, file.toString()), file.toString());
    }

    /** Reads a labels file (values 0..9). */
    public static byte[] readLabels(Path file) throws IOException {
        return parseLabels(readMaybeGzip(file, file.toString()), file.toString());
    }

    static byte[] readMaybeGzip(Path file, String where) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(where + ": no such file");
        try (InputStream in = Files.newInputStream(file)) {
            return readMaybeGzip(in, where);
        }
    }

    static byte[] readMaybeGzip(InputStream raw, String where) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try (GZIPInputStream gz = new GZIPInputStream(in)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                gz.transferTo(out);
                return out.toByteArray();
            } catch (java.io.EOFException | java.util.zip.ZipException e) {
                throw new IOException(where + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
            }
        }
        return in.readAllBytes();
    }

    static Images parseImages(byte[] b, String where) throws IOException {
        checkMagic(b, IMAGES_MAGIC, where, "images");
        if (b.length < 16) throw new IOException(where + ": truncated: " + b.length + " bytes, the images header needs 16");
        int n = intAt(b, 4), rows = intAt(b, 8), cols = intAt(b, 12);
        if (n <= 0 || rows <= 0 || cols <= 0) {
            throw new IOException(where + ": dimensions " + n + " x " + rows + " x " + cols + " must be positive");
        }
        long expected = 16L + (long) n * rows * cols;
        if (expected > Integer.MAX_VALUE) throw new IOException(where + ": " + n + " images of " + rows + "x" + cols + " are too many to load");
        if (b.length < expected) {
            throw new IOException(where + ": truncated: " + n + " images of " + rows + "x" + cols + " need " + expected
                    + " bytes, the file has " + b.length);
        }
        if (b.length > expected) {
            throw new IOException(where + ": " + (b.length - expected) + " bytes after the " + n + " images the header announces");
        }
        return new Images(n, rows, cols, java.util.Arrays.copyOfRange(b, 16, (int) expected));
    }

    static byte[] parseLabels(byte[] b, String where) throws IOException {
        checkMagic(b, LABELS_MAGIC, where, "labels");
        if (b.length < 8) throw new IOException(where + ": truncated: " + b.length + " bytes, the labels header needs 8");
        int n = intAt(b, 4);
        if (n <= 0) throw new IOException(where + ": label count " + n + " must be positive");
        long expected = 8L + n;
        if (b.length < expected) throw new IOException(where + ": truncated: " + n + " labels need " + expected + " bytes, the file has " + b.length);
        if (b.length > expected) throw new IOException(where + ": " + (b.length - expected) + " bytes after the " + n + " labels the header announces");
        byte[] labels = java.util.Arrays.copyOfRange(b, 8, (int) expected);
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] > 9) throw new IOException(where + ": label " + (labels[i] & 0xff) + " at index " + i + " is not a digit 0..9");
        }
        return labels;
    }

    private static void checkMagic(byte[] b, int magic, String where, String what) throws IOException {
        if (b.length < 4) throw new IOException(where + ": truncated: " + b.length + " bytes, too short for the magic number");
        int m = intAt(b, 0);
        if (m != magic) {
            throw new IOException(where + ": bad magic number 0x" + String.format("%08x", m) + " for an IDX " + what
                    + " file (expected 0x" + String.format("%08x", magic) + ")");
        }
    }

    private static int intAt(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }
}
