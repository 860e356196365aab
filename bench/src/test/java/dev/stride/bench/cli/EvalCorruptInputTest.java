package dev.stride.bench.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.stride.core.Tensor;
import dev.stride.nn.io.NpyWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./stride eval} on corrupt inputs: every truncation of a valid input and random byte flips in its
 * header either still evaluate (exit 0) or fail with exit 2 and one line naming the file; no stack trace,
 * no unexpected-failure exit 1, and no output or temporary file is ever left behind by a failure.
 */
class EvalCorruptInputTest {
    @TempDir Path dir;

    private void check(byte[] input) throws Exception {
        Path in = dir.resolve("in.npy"), out = dir.resolve("out.npy"), idx = dir.resolve("idx.npy");
        Files.write(in, input);
        Files.deleteIfExists(out);
        Files.deleteIfExists(idx);
        CliRun r = CliRun.of("eval", "max_pool2d", "--input", in.toString(), "--kernel-size", "2", "--out", out.toString(),
                "--indices-out", idx.toString());
        if (r.code() == 0) {
            assertTrue(Files.exists(out) && Files.exists(idx));
            return;
        }
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("in.npy") || r.err().contains("input"), r.err());
        assertFalse(Files.exists(out), "no output after a failure");
        assertFalse(Files.exists(idx), "no indices after a failure");
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the input remains");
        }
    }

    @Test
    void truncationsAndHeaderFlipsFailCleanly() throws Exception {
        byte[] good = NpyWriter.float32(Tensor.uniform(3, -1, 1, 1, 2, 4, 4));
        check(good);
        for (int cut = 0; cut < good.length; cut += 3) check(Arrays.copyOf(good, cut));
        SplittableRandom r = new SplittableRandom(45);
        for (int i = 0; i < 150; i++) {
            byte[] b = good.clone();
            b[r.nextInt(0, 128)] ^= (byte) (1 << r.nextInt(8));
            check(b);
        }
    }
}
