package dev.stride.nn.io;

import dev.stride.core.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format (https://huggingface.co/docs/safetensors), float32 only:
 * an 8-byte little-endian unsigned header length {@code n}, {@code n} bytes of UTF-8 JSON
 * ({@code {"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ..., "__metadata__":
 * {"key": "value"}}}), then the little-endian data, offsets relative to the end of the header. Files written
 * here load with {@code safetensors.torch.load_file}; files PyTorch writes with F32 tensors load here.
 *
 * <p>Saving writes a temporary file next to the target, forces it to disk and renames it over the target
 * atomically, so a failed save never leaves a half-written file where a good one was.
 *
 * <p>Errors: a malformed file (truncated, bad JSON, a dtype other than F32, offsets out of range,
 * overlapping or leaving gaps, a shape that does not match its byte count) is an {@link IOException}
 * whose message names the file, the tensor and the fault. Bad arguments are {@link IllegalArgumentException}s.
 */
public final class Safetensors {
    /** Larger headers are refused (the reference implementation's limit is 100 MB too). */
    static final long MAX_HEADER = 100L << 20;

    private Safetensors() {}

    /** Saves {@code tensors} (in map order) with optional {@code metadata} (may be null). */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        if (file == null) throw new IllegalArgumentException("file must not be null");
        if (tensors == null) throw new IllegalArgumentException("tensors must not be null");
        StringBuilder json = new StringBuilder("{");
        boolean first = true;
        if (metadata != null && !metadata.isEmpty()) {
            json.append("\"__metadata__\":{");
            boolean f = true;
            for (var e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) throw new IllegalArgumentException("metadata keys and values must not be null");
                json.append(f ? "" : ",").append(SafetensorsJson.quote(e.getKey())).append(':').append(SafetensorsJson.quote(e.getValue()));
                f = false;
            }
            json.append('}');
            first = false;
        }
        long offset = 0;
        for (var e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name == null || name.isEmpty()) throw new IllegalArgumentException("tensor names must be non-empty");
            if (name.equals("__metadata__")) throw new IllegalArgumentException("'__metadata__' is reserved and cannot name a tensor");
            if (t == null) throw new IllegalArgumentException("tensor '" + name + "' is null");
            long bytes = 4L * t.size();
            json.append(first ? "" : ",").append(SafetensorsJson.quote(name)).append(":{\"dtype\":\"F32\",\"shape\":[");
            int[] shape = t.shape();
            for (int i = 0; i < shape.length; i++) json.append(i == 0 ? "" : ",").append(shape[i]);
            json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
            first = false;
        }
        json.append('}');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        int padded = (header.length + 7) / 8 * 8;
        byte[] head = Arrays.copyOf(header, padded);
        Arrays.fill(head, header.length, padded, (byte) ' ');

        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).flip();
                writeFully(ch, len);
                writeFully(ch, ByteBuffer.wrap(head));
                ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                for (Tensor t : tensors.values()) {
                    for (float v : t.data()) {
                        if (buf.remaining() < 4) { buf.flip(); writeFully(ch, buf); buf.clear(); }
                        buf.putFloat(v);
                    }
                }
                buf.flip();
                writeFully(ch, buf);
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    /** Loads every tensor (as float32) and the metadata; see the class comment for the errors. */
    public static SafetensorsFile load(Path file) throws IOException {
        if (file == null) throw new IllegalArgumentException("file must not be null");
        byte[] bytes = Files.readAllBytes(file);
        String where = file.toString();
        if (bytes.length < 8) {
            throw new IOException(where + ": truncated: " + bytes.length + " bytes, too short for the 8-byte header length");
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 0 || n > MAX_HEADER) throw new IOException(where + ": header length " + Long.toUnsignedString(n) + " is beyond the 100 MB limit");
        if (n > bytes.length - 8L) {
            throw new IOException(where + ": truncated: header length " + n + " but only " + (bytes.length - 8) + " bytes follow");
        }
        Object parsed;
        try {
            parsed = SafetensorsJson.parse(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": header: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> header)) throw new IOException(where + ": header is not a JSON object");
        long dataStart = 8 + n, dataSize = bytes.length - dataStart;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        List<long[]> ranges = new ArrayList<>();
        List<String> rangeNames = new ArrayList<>();
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (var e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                if (!(e.getValue() instanceof Map<?, ?> meta)) throw new IOException(where + ": __metadata__ is not an object");
                for (var m : meta.entrySet()) {
                    if (!(m.getValue() instanceof String v)) {
                        throw new IOException(where + ": __metadata__ value of '" + m.getKey() + "' is not a string");
                    }
                    metadata.put((String) m.getKey(), v);
                }
                continue;
            }
            String t = where + ": tensor '" + name + "': ";
            if (!(e.getValue() instanceof Map<?, ?> info)) throw new IOException(t + "entry is not an object");
            if (!(info.get("dtype") instanceof String dtype)) throw new IOException(t + "dtype is missing or not a string");
            if (!dtype.equals("F32")) throw new IOException(t + "dtype '" + dtype + "' is not supported (only F32)");
            int[] shape = shape(t, info.get("shape"));
            long[] off = offsets(t, info.get("data_offsets"));
            long count = 1;
            for (int d : shape) count *= d;
            if (off[0] > off[1]) throw new IOException(t + "data_offsets [" + off[0] + ", " + off[1] + "] end before they begin");
            if (off[1] > dataSize) {
                throw new IOException(t + "data_offsets [" + off[0] + ", " + off[1] + "] are out of range: the data section has "
                        + dataSize + " bytes");
            }
            if (off[1] - off[0] != count * 4) {
                throw new IOException(t + "shape " + Arrays.toString(shape) + " needs " + count * 4 + " bytes but data_offsets ["
                        + off[0] + ", " + off[1] + "] hold " + (off[1] - off[0]));
            }
            float[] values = new float[(int) count];
            int base = (int) (dataStart + off[0]);
            for (int i = 0; i < values.length; i++) values[i] = data.getFloat(base + 4 * i);
            tensors.put(name, Tensor.wrap(values, shape));
            ranges.add(off);
            rangeNames.add(name);
        }
        checkCoverage(where, ranges, rangeNames, dataSize);
        return new SafetensorsFile(tensors, metadata);
    }

    /** The format requires the tensors to tile the data section: no overlaps and no gaps. */
    private static void checkCoverage(String where, List<long[]> ranges, List<String> names, long dataSize) throws IOException {
        Integer[] order = new Integer[ranges.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // By begin, then end, so an empty tensor sharing its begin with a neighbour sorts first.
        Arrays.sort(order, (a, b) -> ranges.get(a)[0] != ranges.get(b)[0] ? Long.compare(ranges.get(a)[0], ranges.get(b)[0])
                : Long.compare(ranges.get(a)[1], ranges.get(b)[1]));
        long end = 0;
        for (int i : order) {
            long[] r = ranges.get(i);
            if (r[0] < end) throw new IOException(where + ": tensor '" + names.get(i) + "': data_offsets [" + r[0] + ", " + r[1]
                    + "] overlap the previous tensor, which ends at " + end);
            if (r[0] > end) throw new IOException(where + ": tensor '" + names.get(i) + "': data_offsets start at " + r[0]
                    + ", leaving a gap after byte " + end);
            end = r[1];
        }
        if (end != dataSize) throw new IOException(where + ": the tensors cover " + end + " bytes but the data section has " + dataSize
                + " (trailing bytes or a truncated header)");
    }

    private static int[] shape(String t, Object o) throws IOException {
        if (!(o instanceof List<?> l)) throw new IOException(t + "shape is missing or not an array");
        int[] s = new int[l.size()];
        long count = 1;
        for (int i = 0; i < s.length; i++) {
            if (!(l.get(i) instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
                throw new IOException(t + "shape " + l + " has an invalid dimension at index " + i);
            }
            s[i] = (int) (long) v;
            count *= v;
            if (count > Integer.MAX_VALUE - 8) throw new IOException(t + "shape " + l + " has too many elements for a Java array");
        }
        return s;
    }

    private static long[] offsets(String t, Object o) throws IOException {
        if (!(o instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Long b) || !(l.get(1) instanceof Long e)
                || b < 0 || e < 0) {
            throw new IOException(t + "data_offsets " + o + " must be two non-negative integers");
        }
        return new long[] {b, e};
    }
}
