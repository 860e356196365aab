package dev.stride.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) of the dtypes in {@link NpyDtype},
 * in C order.
 *
 * <p>Errors: every fault of the file (bad magic or version, a header length past the end, a malformed
 * header dictionary, an unsupported dtype, Fortran order, a negative or oversized shape, missing or extra
 * data bytes) is a {@link NpyFormatException} whose one-line message names the file and the fault.
 * A missing or unreadable file is an {@link IOException} from the file system.
 */
public final class NpyReader {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Arrays are Java arrays: at most this many elements. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private NpyReader() {}

    /** Reads a file; the messages name it as given. */
    public static NpyArray read(Path file) throws IOException {
        String name = file.toString();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(name, null, "no such file");
        }
        if (Files.isDirectory(file)) throw new NpyFormatException(name, "is a directory, not a .npy file");
        if (size > MAX_ELEMENTS) throw new NpyFormatException(name, "file of " + size + " bytes is larger than Stride can read (2 GiB)");
        byte[] bytes = new byte[(int) size];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) break;
            }
            if (buf.hasRemaining()) throw new NpyFormatException(name, "file shrank while it was being read");
        }
        return parse(bytes, name);
    }

    /** Parses the bytes of a whole {@code .npy} file; {@code source} names it in messages. */
    public static NpyArray parse(byte[] bytes, String source) throws NpyFormatException {
        if (bytes.length < MAGIC.length + 2) {
            if (bytes.length >= 1 && !Arrays.equals(bytes, 0, Math.min(bytes.length, MAGIC.length), MAGIC, 0,
                    Math.min(bytes.length, MAGIC.length))) {
                throw new NpyFormatException(source, "not a .npy file (bad magic string)");
            }
            throw new NpyFormatException(source, "truncated: " + bytes.length + " bytes, too short for the .npy preamble");
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new NpyFormatException(source, "not a .npy file (bad magic string)");
        }
        int major = bytes[6] & 0xff, minor = bytes[7] & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw new NpyFormatException(source, "unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        int lenBytes = major == 1 ? 2 : 4;
        int headerStart = 8 + lenBytes;
        if (bytes.length < headerStart) {
            throw new NpyFormatException(source, "truncated: the header length field needs " + headerStart + " bytes, file has " + bytes.length);
        }
        ByteBuffer pre = ByteBuffer.wrap(bytes, 8, lenBytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = major == 1 ? (pre.getShort() & 0xffff) : (pre.getInt() & 0xffffffffL);
        if (headerStart + headerLen > bytes.length) {
            throw new NpyFormatException(source, "truncated: header length " + headerLen + " runs past the end of the file ("
                    + bytes.length + " bytes)");
        }
        String text = new String(bytes, headerStart, (int) headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader h = NpyHeader.parse(text, source);
        NpyDtype dtype = NpyDtype.fromDescr(h.descr());
        if (dtype == null) {
            throw new NpyFormatException(source, "unsupported dtype '" + h.descr()
                    + "' (supported: <f4 >f4 <f8 >f8 for tensors, <i8 >i8 <i4 >i4 for indices)");
        }
        if (h.fortranOrder()) {
            throw new NpyFormatException(source, "Fortran order is not supported: save the array in C order "
                    + "(numpy.ascontiguousarray)");
        }
        long count = 1;
        int[] shape = new int[h.shape().length];
        for (int i = 0; i < shape.length; i++) {
            long d = h.shape()[i];
            if (d > MAX_ELEMENTS || (d > 0 && count > MAX_ELEMENTS / d)) {
                throw new NpyFormatException(source, "shape " + Arrays.toString(h.shape()) + " has more than 2^31 elements, "
                        + "the limit of a Java array");
            }
            count *= d;
            shape[i] = (int) d;
        }
        long dataStart = headerStart + headerLen;
        long expected = count * dtype.itemSize();
        long actual = bytes.length - dataStart;
        if (actual < expected) {
            throw new NpyFormatException(source, "truncated: shape " + Arrays.toString(shape) + " of " + dtype.descr() + " needs "
                    + expected + " data bytes, file has " + actual);
        }
        if (actual > expected) {
            throw new NpyFormatException(source, (actual - expected) + " unexpected bytes after the data of shape "
                    + Arrays.toString(shape) + " " + dtype.descr());
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) dataStart, (int) expected).order(dtype.order());
        int n = (int) count;
        return switch (dtype) {
            case FLOAT32_LE, FLOAT32_BE -> {
                float[] f = new float[n];
                data.asFloatBuffer().get(f);
                yield new NpyArray(source, dtype, shape, f, null);
            }
            case FLOAT64_LE, FLOAT64_BE -> {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) f[i] = (float) data.getDouble();
                yield new NpyArray(source, dtype, shape, f, null);
            }
            case INT32_LE, INT32_BE -> {
                long[] l = new long[n];
                for (int i = 0; i < n; i++) l[i] = data.getInt();
                yield new NpyArray(source, dtype, shape, null, l);
            }
            case INT64_LE, INT64_BE -> {
                long[] l = new long[n];
                data.asLongBuffer().get(l);
                yield new NpyArray(source, dtype, shape, null, l);
            }
        };
    }
}
