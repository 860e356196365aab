package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.stride.core.Tensor;
import dev.stride.nn.io.NpyArray;
import dev.stride.nn.io.NpyFormatException;
import dev.stride.nn.io.NpyReader;
import dev.stride.nn.io.NpyWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing the {@code .npy} reader with generated corrupt files: truncation at every byte, byte flips and
 * text edits in the header, bad magic and versions, header lengths past the end, absurd and negative
 * shapes, unsupported dtypes. Every malformed file must give {@link NpyFormatException} whose message
 * starts with the file's name; no other exception may escape; a file that still parses must be
 * internally consistent (its data fills its shape).
 */
class NpyFuzzTest {
    private static final String NAME = "fuzz.npy";

    /** Parses and returns null, or the format exception; anything else fails the test. */
    private static NpyFormatException parseOrFormatError(byte[] b) {
        try {
            NpyArray a = NpyReader.parse(b, NAME);
            long n = 1;
            for (int d : a.shape()) n *= d;
            assertEquals(n, a.size(), "a file that parses holds exactly its shape's elements");
            return null;
        } catch (NpyFormatException e) {
            assertTrue(e.getMessage().startsWith(NAME + ": "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            return e;
        } catch (RuntimeException e) {
            throw new AssertionError("escaped " + e + " for bytes " + Arrays.toString(Arrays.copyOf(b, Math.min(b.length, 80))), e);
        }
    }

    /** A valid file: random dtype, byte order, version, rank 0-4. */
    private static byte[] validFile(SplittableRandom r) {
        int[] shape = new int[r.nextInt(0, 5)];
        for (int i = 0; i < shape.length; i++) shape[i] = r.nextInt(0, 4);
        int n = 1;
        for (int d : shape) n *= d;
        String[] descrs = {"<f4", ">f4", "<f8", ">f8", "<i4", ">i4", "<i8", ">i8"};
        String descr = descrs[r.nextInt(descrs.length)];
        int item = descr.charAt(2) - '0';
        ByteBuffer data = ByteBuffer.allocate(n * item).order(descr.charAt(0) == '<' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < n; i++) {
            switch (descr.substring(1)) {
                case "f4" -> data.putFloat((float) r.nextGaussian());
                case "f8" -> data.putDouble(r.nextGaussian());
                case "i4" -> data.putInt(r.nextInt());
                default -> data.putLong(r.nextLong());
            }
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) s.append(i > 0 ? ", " : "").append(shape[i]);
        if (shape.length == 1) s.append(',');
        s.append(')');
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + s + ", }";
        return file(r.nextInt(1, 4), dict, data.array());
    }

    private static byte[] file(int major, String dict, byte[] data) {
        byte[] h = (dict + "\n").getBytes(StandardCharsets.UTF_8);
        int lenBytes = major == 1 ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(8 + lenBytes + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}).put((byte) major).put((byte) 0);
        if (major == 1) b.putShort((short) h.length);
        else b.putInt(h.length);
        return b.put(h).put(data).array();
    }

    @Test
    void validFilesParseAndTruncationAtEveryByteIsAFormatError() {
        qt().withExamples(60).withFixedSeed(41).forAll(longs().all()).checkAssert(seed -> {
            byte[] good = validFile(new SplittableRandom(seed));
            assertNull(parseOrFormatError(good), "the untouched file parses");
            for (int cut = 0; cut < good.length; cut++) {
                NpyFormatException e = parseOrFormatError(Arrays.copyOf(good, cut));
                assertNotNull(e, "a file cut to " + cut + " of " + good.length + " bytes must be rejected");
            }
            byte[] longer = Arrays.copyOf(good, good.length + 1);
            assertNotNull(parseOrFormatError(longer), "trailing bytes are rejected");
        });
    }

    @Test
    void byteFlipsAnywhereNeverEscape() {
        qt().withExamples(300).withFixedSeed(42).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            byte[] b = validFile(r);
            int flips = r.nextInt(1, 4);
            // mostly the preamble and header, where the parser lives
            int headerEnd = Math.min(b.length, 140);
            for (int i = 0; i < flips; i++) b[r.nextInt(headerEnd)] ^= (byte) (1 << r.nextInt(8));
            parseOrFormatError(b);
        });
    }

    @Test
    void headerTextEditsNeverEscape() {
        String[] fragments = {"'", "\"", "(", ")", ",", ":", "{", "}", "-", "9999999999", "True", "False", "L", " ", "\\",
                "'descr'", "'shape'", "é", "\0", "1e3", "0x10", "+3", "None", "[1, 2]"};
        qt().withExamples(400).withFixedSeed(43).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            StringBuilder dict = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
            int edits = r.nextInt(1, 4);
            for (int i = 0; i < edits; i++) {
                int at = r.nextInt(dict.length() + 1);
                if (r.nextBoolean() && at < dict.length()) dict.deleteCharAt(at);
                else dict.insert(at, fragments[r.nextInt(fragments.length)]);
            }
            parseOrFormatError(file(r.nextInt(1, 4), dict.toString(), new byte[24]));
        });
    }

    @Test
    void namedCorruptions() {
        String ok = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
        byte[] data = new byte[8];
        List<byte[]> bad = new java.util.ArrayList<>();
        byte[] magic = file(1, ok, data);
        magic[0] = 'x';
        bad.add(magic);
        bad.add(file(4, ok, data));
        byte[] v255 = file(2, ok, data);
        v255[6] = (byte) 255;
        bad.add(v255);
        byte[] v0 = file(1, ok, data);
        v0[6] = 0;
        bad.add(v0);
        byte[] minor = file(1, ok, data);
        minor[7] = 1;
        bad.add(minor);
        byte[] past1 = file(1, ok, data);
        past1[8] = (byte) 0xff;
        past1[9] = (byte) 0xff;
        bad.add(past1);
        byte[] past2 = file(2, ok, data);
        Arrays.fill(past2, 8, 12, (byte) 0xff);
        bad.add(past2);
        for (String shape : new String[] {"(1099511627776,)", "(65536, 65536)", "(-1,)", "(2, -3)", "(99999999999999999999,)",
                "(2.0,)", "(2)", "[2]", "(,)", "(a,)", "2"}) {
            bad.add(file(1, ok.replace("(2,)", shape), data));
        }
        for (String dtype : new String[] {"|u1", "<f2", "<c8", "|b1", "O", "<U3", "<u8", "f4", "<f16", ""}) {
            bad.add(file(1, ok.replace("<f4", dtype), data));
        }
        bad.add(file(1, ok.replace("'<f4'", "[('a', '<f4')]"), data));
        bad.add(file(1, ok.replace("False", "True"), data));
        bad.add(file(1, ok.replace("False", "0"), data));
        bad.add(file(1, "", data));
        bad.add(file(1, "{}", data));
        bad.add(new byte[0]);
        bad.add(new byte[] {(byte) 0x93, 'N', 'U', 'M'});
        for (byte[] b : bad) {
            assertNotNull(parseOrFormatError(b), () -> "accepted " + new String(b, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void roundTripsThroughFilesAndRandomGarbageIsRejected(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(44);
        for (int i = 0; i < 50; i++) {
            byte[] junk = new byte[r.nextInt(0, 200)];
            r.nextBytes(junk);
            assertNotNull(parseOrFormatError(junk));
        }
        Tensor t = Tensor.uniform(5, -1, 1, 3, 1, 4);
        Path p = dir.resolve("t.npy");
        NpyWriter.writeFloat32(p, t);
        assertTrue(NpyReader.read(p).toTensor().bitwiseEquals(t));
        byte[] b = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(b, 70));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyReader.read(p));
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
    }
}
