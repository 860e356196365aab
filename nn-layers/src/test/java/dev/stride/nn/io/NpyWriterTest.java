package dev.stride.nn.io;

import static org.junit.jupiter.api.Assertions.*;

import dev.stride.core.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {
    // np.lib.format.write_array output of numpy 2.4: the writer must produce the same bytes.
    private static final String NUMPY_F4 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAMA/AAAQwAAAAAAAAEBAAACAQAAAoEA=";
    private static final String NUMPY_I8 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDIpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAUAAAAAAAAA/v////////8JAAAAAAAAAA==";
    private static final String NUMPY_I8_1D = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoHAAAAAAAAAA==";

    @Test
    void bytesMatchNumpy() {
        assertArrayEquals(Base64.getDecoder().decode(NUMPY_F4),
                NpyWriter.float32(Tensor.of(new float[] {1.5f, -2.25f, 0, 3, 4, 5}, 2, 3)));
        assertArrayEquals(Base64.getDecoder().decode(NUMPY_I8), NpyWriter.int64(new long[] {0, 5, -2, 9}, 2, 2));
        assertArrayEquals(Base64.getDecoder().decode(NUMPY_I8_1D), NpyWriter.int64(new long[] {7}, 1));
    }

    @Test
    void roundTripsEveryRankBitwise() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        for (int rank = 0; rank <= 5; rank++) {
            int[] shape = new int[rank];
            for (int i = 0; i < rank; i++) shape[i] = r.nextInt(0, 4);
            Tensor t = Tensor.uniform(rank, -5f, 5f, shape);
            if (t.size() > 0) t.data()[0] = Float.NaN;
            byte[] b = NpyWriter.float32(t);
            assertEquals(0, (b.length - 4 * t.size()) % 64, "data starts 64-aligned");
            NpyArray a = NpyReader.parse(b, "t");
            assertTrue(a.toTensor().bitwiseEquals(t));
            long[] l = r.longs(t.size()).toArray();
            assertArrayEquals(l, NpyReader.parse(NpyWriter.int64(l, shape), "l").longs());
        }
    }

    @Test
    void largeHeaderSwitchesToVersion2() throws Exception {
        int[] shape = new int[25000];
        java.util.Arrays.fill(shape, 1);
        byte[] b = NpyWriter.float32(Tensor.zeros(shape));
        assertEquals(2, b[6]);
        assertArrayEquals(shape, NpyReader.parse(b, "big").shape());
    }

    @Test
    void writesAtomicallyAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("y.npy");
        Files.writeString(p, "old");
        Tensor t = Tensor.uniform(1, 0, 1, 3, 2);
        NpyWriter.writeFloat32(p, t);
        assertTrue(NpyReader.read(p).toTensor().bitwiseEquals(t));
        try (var s = Files.list(dir)) { assertEquals(1, s.count()); }
        assertThrows(IllegalArgumentException.class, () -> NpyWriter.int64(new long[3], 2, 2));
    }
}
