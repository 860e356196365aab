package dev.stride.nn.io;

import static org.junit.jupiter.api.Assertions.*;

import dev.stride.core.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir Path dir;

    private static Map<String, Tensor> sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("0.weight", Tensor.uniform(1, -1, 1, 6, 1, 5, 5));
        m.put("0.bias", Tensor.of(new float[] {1.5f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY}, 6));
        m.put("scalar", Tensor.scalar(3.25f));
        m.put("empty", Tensor.zeros(0, 4));
        m.put("name \"with\" quotes\\", Tensor.of(new float[] {7f}, 1));
        return m;
    }

    /** A file built by hand, as another writer would: header JSON then raw little-endian data. */
    private Path handMade(String name, String json, byte[] data, long declaredLength) throws IOException {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredLength < 0 ? h.length : declaredLength).put(h).put(data);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    @Test
    void roundTripKeepsNamesOrderShapesBitsAndMetadata() throws IOException {
        Path f = dir.resolve("w.safetensors");
        Map<String, Tensor> in = sample();
        Safetensors.save(f, in, Map.of("format", "pt", "note", "ünïcode \n"));
        SafetensorsFile out = Safetensors.load(f);
        assertEquals(in.keySet().stream().toList(), out.tensors().keySet().stream().toList());
        for (var e : in.entrySet()) assertTrue(e.getValue().bitwiseEquals(out.tensors().get(e.getKey())), e.getKey());
        assertEquals("pt", out.metadata().get("format"));
        assertEquals("ünïcode \n", out.metadata().get("note"));
    }

    @Test
    void layoutIsLittleEndianWithAlignedJsonHeader() throws IOException {
        Path f = dir.resolve("a.safetensors");
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("a", Tensor.of(new float[] {1f, 2f}, 2));
        m.put("b", Tensor.of(new float[] {-3f}, 1, 1));
        Safetensors.save(f, m, null);
        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + n) % 8, "data must start 8-byte aligned");
        String json = new String(bytes, 8, (int) n, StandardCharsets.UTF_8).strip();
        assertEquals("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[8,12]}}", json);
        ByteBuffer d = ByteBuffer.wrap(bytes, (int) (8 + n), 12).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1f, d.getFloat());
        assertEquals(2f, d.getFloat());
        assertEquals(-3f, d.getFloat());
        assertEquals(8 + n + 12, bytes.length);
    }

    @Test
    void readsFilesOfOtherWritersWithSpacesAndOtherOrder() throws IOException {
        String json = "{ \"__metadata__\" : {\"format\":\"pt\"}, \"y\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]},"
                + " \"x\": {\"data_offsets\": [0, 4], \"shape\": [], \"dtype\": \"F32\"} }   ";
        SafetensorsFile f = Safetensors.load(handMade("o.safetensors", json, floats(5f, 6f), -1));
        assertEquals(5f, f.tensors().get("x").data()[0]);
        assertEquals(6f, f.tensors().get("y").data()[0]);
        assertEquals(0, f.tensors().get("x").rank());
    }

    @Test
    void emptyTensorsMayShareTheirOffsetWithANeighbourInAnyOrder() throws IOException {
        String json = "{\"s\": {\"dtype\": \"F32\", \"shape\": [], \"data_offsets\": [0, 4]},"
                + " \"e\": {\"dtype\": \"F32\", \"shape\": [0, 3], \"data_offsets\": [0, 0]}}";
        SafetensorsFile f = Safetensors.load(handMade("e.safetensors", json, floats(2f), -1));
        assertEquals(0, f.tensors().get("e").size());
        assertEquals(2f, f.tensors().get("s").data()[0]);
    }

    private IOException loadFails(Path p) {
        return assertThrows(IOException.class, () -> Safetensors.load(p));
    }

    @Test
    void truncatedFilesNameTheFileAndTheFault() throws IOException {
        Path f = dir.resolve("t.safetensors");
        Safetensors.save(f, sample(), null);
        byte[] full = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(full, full.length - 3));
        IOException e = loadFails(cut);
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("out of range") || e.getMessage().contains("cover"), e.getMessage());

        Files.write(cut, java.util.Arrays.copyOf(full, 5));
        assertTrue(loadFails(cut).getMessage().contains("truncated"));
        Files.write(cut, java.util.Arrays.copyOf(full, 40));
        assertTrue(loadFails(cut).getMessage().contains("truncated"));
    }

    @Test
    void badJsonIsReportedWithItsPosition() throws IOException {
        IOException e = loadFails(handMade("j.safetensors", "{\"x\": {\"dtype\": \"F32\", \"shape\": [1] \"data_offsets\": [0, 4]}}", floats(1f), -1));
        assertTrue(e.getMessage().contains("j.safetensors") && e.getMessage().contains("bad JSON at character"), e.getMessage());
        assertTrue(loadFails(handMade("k.safetensors", "[1, 2]", new byte[0], -1)).getMessage().contains("not a JSON object"));
    }

    @Test
    void wrongDtypeNamesTheTensor() throws IOException {
        IOException e = loadFails(handMade("d.safetensors", "{\"w\": {\"dtype\": \"F16\", \"shape\": [2], \"data_offsets\": [0, 4]}}",
                new byte[4], -1));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("F16"), e.getMessage());
    }

    @Test
    void offsetsOutOfRangeOrInconsistentAreRejected() throws IOException {
        IOException e = loadFails(handMade("r.safetensors", "{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}",
                floats(1f), -1));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("out of range"), e.getMessage());
        e = loadFails(handMade("s.safetensors", "{\"w\": {\"dtype\": \"F32\", \"shape\": [3], \"data_offsets\": [0, 8]}}",
                floats(1f, 2f), -1));
        assertTrue(e.getMessage().contains("needs 12 bytes"), e.getMessage());
        e = loadFails(handMade("o.safetensors", "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]},"
                + "\"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", floats(1f), -1));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
        e = loadFails(handMade("n.safetensors", "{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 4]}}",
                floats(1f, 2f, 3f), -1));
        assertTrue(e.getMessage().contains("end before they begin"), e.getMessage());
        e = loadFails(handMade("m.safetensors", "{\"w\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}",
                floats(1f), -1));
        assertTrue(e.getMessage().contains("invalid dimension"), e.getMessage());
    }

    @Test
    void failedSaveLeavesTheOldFileIntactAndNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("keep.safetensors");
        Safetensors.save(f, sample(), null);
        byte[] before = Files.readAllBytes(f);
        // A map whose second value blows up while the data is being written.
        Map<String, Tensor> failing = new AbstractMap<>() {
            @Override public Set<Entry<String, Tensor>> entrySet() {
                return new java.util.AbstractSet<>() {
                    @Override public int size() { return 2; }
                    @Override public Iterator<Entry<String, Tensor>> iterator() {
                        return java.util.List.<Entry<String, Tensor>>of(
                                Map.entry("a", Tensor.zeros(1000)), Map.entry("b", Tensor.zeros(3))).iterator();
                    }
                };
            }
            @Override public java.util.Collection<Tensor> values() {
                throw new IllegalStateException("disk on fire"); // after the header went to the temporary file
            }
        };
        assertThrows(IllegalStateException.class, () -> Safetensors.save(f, failing, null));
        assertArrayEquals(before, Files.readAllBytes(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file may be left behind");
        }
    }

    @Test
    void argumentsAreChecked() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("__metadata__", Tensor.zeros(1));
        assertThrows(IllegalArgumentException.class, () -> Safetensors.save(dir.resolve("x"), m, null));
        assertThrows(IllegalArgumentException.class, () -> Safetensors.save(null, Map.of(), null));
    }
}
