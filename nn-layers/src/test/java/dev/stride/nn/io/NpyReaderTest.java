package dev.stride.nn.io;

import static dev.stride.nn.io.NpyTestFiles.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyReaderTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN, BE = ByteOrder.BIG_ENDIAN;

    // Written by numpy 2.4 (np.lib.format.write_array) to prove the reader accepts real NumPy output.
    private static final String NUMPY_F8 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAAAAAAAANA/AAAAAAAA4D8AAAAAAADoPwAAAAAAAPA/AAAAAAAA9D8=";
    private static final String NUMPY_I4 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoDAAAA/////wcAAAA=";
    private static final String NUMPY_V2 = "k05VTVBZAgB0AAAAeydkZXNjcic6ICc8ZjQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMSwgMiksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAMA/AAAQwA==";
    private static final String NUMPY_V3_SCALAR = "k05VTVBZAwB0AAAAeydkZXNjcic6ICc8ZjQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAA/";
    private static final String NUMPY_FORTRAN = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAIA/AACAPwAAgD8AAIA/AACAPwAAgD8=";

    private static NpyArray parse(byte[] b) throws NpyFormatException { return NpyReader.parse(b, "x.npy"); }

    private static NpyFormatException fails(byte[] b) {
        return assertThrows(NpyFormatException.class, () -> parse(b));
    }

    @Test
    void readsNumpyFiles() throws Exception {
        NpyArray f8 = parse(Base64.getDecoder().decode(NUMPY_F8));
        assertArrayEquals(new int[] {2, 3}, f8.shape());
        assertArrayEquals(new float[] {0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f}, f8.floats());
        assertEquals(NpyDtype.FLOAT64_LE, f8.dtype());

        NpyArray i4 = parse(Base64.getDecoder().decode(NUMPY_I4));
        assertArrayEquals(new int[] {3}, i4.shape());
        assertArrayEquals(new long[] {3, -1, 7}, i4.longs());
        assertArrayEquals(new int[] {3, -1, 7}, i4.ints());

        NpyArray v2 = parse(Base64.getDecoder().decode(NUMPY_V2));
        assertArrayEquals(new float[] {1.5f, -2.25f}, v2.floats());

        NpyArray v3 = parse(Base64.getDecoder().decode(NUMPY_V3_SCALAR));
        assertArrayEquals(new int[0], v3.shape());
        assertEquals(0.5f, v3.toTensor().data()[0]);

        assertTrue(fails(Base64.getDecoder().decode(NUMPY_FORTRAN)).getMessage().contains("Fortran"));
    }

    @Test
    void readsEveryDtypeInBothByteOrders() throws Exception {
        for (ByteOrder o : new ByteOrder[] {LE, BE}) {
            char c = o == LE ? '<' : '>';
            assertArrayEquals(new float[] {1.5f, -3f},
                    parse(file(1, dict(c + "f4", false, "(2,)"), floats(o, 1.5f, -3f))).floats());
            // float64 rounds to the nearest float32
            assertArrayEquals(new float[] {(float) 0.1, (float) -1e300},
                    parse(file(1, dict(c + "f8", false, "(1, 2)"), doubles(o, 0.1, -1e300))).floats());
            assertArrayEquals(new long[] {5, -7},
                    parse(file(1, dict(c + "i4", false, "(2,)"), ints(o, 5, -7))).longs());
            assertArrayEquals(new long[] {Long.MIN_VALUE, 42},
                    parse(file(1, dict(c + "i8", false, "(2,)"), longs(o, Long.MIN_VALUE, 42))).longs());
        }
    }

    @Test
    void headerVariantsNumpyAccepts() throws Exception {
        // key order, double quotes, no trailing comma, version 2 and 3
        byte[] b = file(2, "{\"shape\": (2, 1), \"fortran_order\": False, \"descr\": \"<f4\"}", floats(LE, 1, 2));
        assertArrayEquals(new int[] {2, 1}, parse(b).shape());
        assertArrayEquals(new int[] {0, 3}, parse(file(3, dict("<f4", false, "(0, 3)"), new byte[0])).shape());
    }

    @Test
    void rejectsFaultsWithMessagesNamingTheFile() {
        String ok = dict("<f4", false, "(2,)");
        byte[] data = floats(LE, 1, 2);
        assertTrue(fails(file(1, ok, new byte[4])).getMessage().startsWith("x.npy: truncated"));
        assertTrue(fails(file(1, ok, new byte[12])).getMessage().contains("unexpected bytes"));
        assertTrue(fails(file(1, dict("<f2", false, "(2,)"), new byte[4])).getMessage().contains("unsupported dtype '<f2'"));
        assertTrue(fails(file(1, dict("<u8", false, "(2,)"), new byte[16])).getMessage().contains("unsupported dtype"));
        assertTrue(fails(file(1, dict("<f4", false, "(-2,)"), data)).getMessage().contains("negative"));
        assertTrue(fails(file(1, dict("<f4", false, "(2)"), data)).getMessage().contains("not a tuple"));
        assertTrue(fails(file(1, dict("<f4", false, "(100000, 100000)"), data)).getMessage().contains("2^31"));
        assertTrue(fails(file(1, dict("<f4", false, "(99999999999999999999999,)"), data)).getMessage().contains("too large"));
        assertTrue(fails(file(1, "{'descr': '<f4', 'shape': (2,)}", data)).getMessage().contains("fortran_order"));
        assertTrue(fails(file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}", data))
                .getMessage().contains("unexpected key 'x'"));
        assertTrue(fails(file(4, ok, data)).getMessage().contains("version 4.0"));
        byte[] badMagic = file(1, ok, data);
        badMagic[1] = 'X';
        assertTrue(fails(badMagic).getMessage().contains("magic"));
        byte[] longHeader = file(1, ok, data);
        longHeader[8] = (byte) 0xff;
        longHeader[9] = (byte) 0xff;
        assertTrue(fails(longHeader).getMessage().contains("past the end"));
        assertTrue(fails(new byte[0]).getMessage().contains("truncated"));
    }

    @Test
    void typeMismatchIsAnError() throws Exception {
        NpyArray f = parse(file(1, dict("<f4", false, "(1,)"), floats(LE, 1)));
        assertThrows(NpyFormatException.class, f::longs);
        NpyArray l = parse(file(1, dict("<i8", false, "(1,)"), longs(LE, 1L << 40)));
        assertThrows(NpyFormatException.class, l::floats);
        assertTrue(assertThrows(NpyFormatException.class, l::ints).getMessage().contains("32 bits"));
    }

    @Test
    void readsFilesAndNamesThem(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("cut.npy");
        byte[] good = file(1, dict("<f4", false, "(3,)"), floats(LE, 1, 2, 3));
        Files.write(p, java.util.Arrays.copyOf(good, good.length - 1));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyReader.read(p));
        assertTrue(e.getMessage().startsWith(p.toString() + ": truncated"), e.getMessage());
        assertEquals(p.toString(), e.source());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> NpyReader.read(dir.resolve("missing.npy")));
        assertThrows(NpyFormatException.class, () -> NpyReader.read(dir));
    }
}
