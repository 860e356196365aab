package dev.stride.nn.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir Path dir;

    static byte[] images(int magic, int n, int rows, int cols, int pixelBytes) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixelBytes); // big-endian by default, as IDX
        b.putInt(magic).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < pixelBytes; i++) b.put((byte) (i * 37));
        return b.array();
    }

    static byte[] labels(int magic, int n, int labelBytes) {
        ByteBuffer b = ByteBuffer.allocate(8 + labelBytes);
        b.putInt(magic).putInt(n);
        for (int i = 0; i < labelBytes; i++) b.put((byte) (i % 10));
        return b.array();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) { g.write(b); }
        return o.toByteArray();
    }

    private Path write(String name, byte[] b) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    @Test
    void readsPlainAndGzippedFilesAlike() throws IOException {
        byte[] raw = images(Idx.IMAGES_MAGIC, 3, 2, 4, 24);
        Idx.Images a = Idx.readImages(write("a", raw));
        Idx.Images b = Idx.readImages(write("b.gz", gzip(raw)));
        assertEquals(3, a.count());
        assertEquals(2, a.rows());
        assertEquals(4, a.cols());
        assertArrayEquals(Arrays.copyOfRange(raw, 16, 40), a.pixels());
        assertArrayEquals(a.pixels(), b.pixels());
        assertArrayEquals(new byte[] {0, 1, 2, 3}, Idx.readLabels(write("l.gz", gzip(labels(Idx.LABELS_MAGIC, 4, 4)))));
    }

    @Test
    void badMagicNamesTheFileAndBothNumbers() throws IOException {
        Path p = write("swapped", labels(Idx.LABELS_MAGIC, 4, 4));
        IOException e = assertThrows(IOException.class, () -> Idx.readImages(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("0x00000801")
                && e.getMessage().contains("0x00000803"), e.getMessage());
        Path q = write("imgs", images(Idx.IMAGES_MAGIC, 1, 1, 1, 1));
        assertTrue(assertThrows(IOException.class, () -> Idx.readLabels(q)).getMessage().contains("bad magic"));
    }

    @Test
    void truncatedAndOverlongFilesAreRejected() throws IOException {
        Path p = write("short", images(Idx.IMAGES_MAGIC, 3, 2, 4, 23));
        IOException e = assertThrows(IOException.class, () -> Idx.readImages(p));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("need 40 bytes"), e.getMessage());
        Path h = write("header", Arrays.copyOf(images(Idx.IMAGES_MAGIC, 3, 2, 4, 24), 10));
        assertTrue(assertThrows(IOException.class, () -> Idx.readImages(h)).getMessage().contains("truncated"));
        Path l = write("labels", labels(Idx.LABELS_MAGIC, 5, 4));
        assertTrue(assertThrows(IOException.class, () -> Idx.readLabels(l)).getMessage().contains("truncated"));
        Path x = write("long", labels(Idx.LABELS_MAGIC, 3, 4));
        assertTrue(assertThrows(IOException.class, () -> Idx.readLabels(x)).getMessage().contains("after the 3 labels"));
        byte[] gz = gzip(images(Idx.IMAGES_MAGIC, 3, 2, 4, 24));
        Path g = write("cut.gz", Arrays.copyOf(gz, gz.length - 10));
        assertTrue(assertThrows(IOException.class, () -> Idx.readImages(g)).getMessage().contains("gzip"));
    }

    @Test
    void countMismatchBetweenImagesAndLabelsIsAnError() throws IOException {
        write("train-images-idx3-ubyte.gz", gzip(images(Idx.IMAGES_MAGIC, 3, 28, 28, 3 * 784)));
        write("train-labels-idx1-ubyte", labels(Idx.LABELS_MAGIC, 2, 2));
        IOException e = assertThrows(IOException.class, () -> Mnist.load(dir, "train"));
        assertTrue(e.getMessage().contains("3 images but 2 labels"), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> Mnist.load(dir, "t10k"));
        assertTrue(missing.getMessage().contains("t10k-images-idx3-ubyte"), missing.getMessage());
    }

    @Test
    void labelsMustBeDigits() throws IOException {
        byte[] b = labels(Idx.LABELS_MAGIC, 3, 3);
        b[9] = 12;
        Path p = write("bad-label", b);
        assertTrue(assertThrows(IOException.class, () -> Idx.readLabels(p)).getMessage().contains("label 12 at index 1"));
    }

    @Test
    void loadsAFolderOfStandardFiles() throws IOException {
        write("t10k-images-idx3-ubyte", images(Idx.IMAGES_MAGIC, 2, 28, 28, 2 * 784));
        write("t10k-labels-idx1-ubyte.gz", gzip(labels(Idx.LABELS_MAGIC, 2, 2)));
        Dataset d = Mnist.load(dir, "t10k");
        assertEquals(2, d.size());
        assertArrayEquals(new int[] {2, 1, 28, 28}, d.images().shape());
        assertEquals((0 / 255f - Mnist.MEAN) / Mnist.STD, d.images().data()[0], 1e-6f);
        assertEquals(1, d.label(1));
    }

    @Test
    void embeddedDigitsAreTenThousandDistinctLabelledImages() throws IOException {
        Dataset d = Mnist.embedded();
        assertEquals(10_000, d.size());
        assertArrayEquals(new int[] {10_000, 1, 28, 28}, d.images().shape());
        int[] counts = new int[10];
        for (int y : d.labels()) counts[y]++;
        assertArrayEquals(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, counts);
        Set<Integer> hashes = new HashSet<>();
        float[] px = d.images().data();
        for (int i = 0; i < d.size(); i++) hashes.add(Arrays.hashCode(Arrays.copyOfRange(px, i * 784, (i + 1) * 784)));
        assertTrue(hashes.size() > 9_990, "digits should be distinct, got " + hashes.size() + " distinct hashes");
        int[] heldOut = new int[10];
        for (int i = 8000; i < 10_000; i++) heldOut[d.label(i)]++;
        for (int c = 0; c < 10; c++) assertTrue(heldOut[c] > 150, "the held-out 2,000 should hold every class: " + Arrays.toString(heldOut));
    }
}
