package dev.stride.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StrideCliTest {
    @Test
    void noArgumentsPrintsUsageOnStderrAndExits2() {
        CliRun r = CliRun.of();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("usage: ./stride"), r.err());
        assertTrue(r.err().contains("explain"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void helpPrintsUsageOnStdoutAndExits0() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("usage: ./stride"), r.out());
    }

    @Test
    void unknownCommandExits2NamingIt() {
        CliRun r = CliRun.of("frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("stride: unknown command 'frobnicate'"), r.err());
    }

    @Test
    void explainSucceedsWith0() {
        CliRun r = CliRun.of("explain conv2d --input 1,3,8,8 --out-channels 2 --kernel 3");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
    }

    @Test
    void badExplainOptionExits2WithOneLine() {
        CliRun r = CliRun.of("explain conv2d --input 1,3,8,8 --out-channels 2 --kernel 3 --stride two");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("stride explain: option --stride"), r.err());
    }

    @Test
    void explainHelpListsEveryOptionAndExits0() {
        CliRun r = CliRun.of("explain --help");
        assertEquals(0, r.code());
        for (String o : new String[] {"--input", "--out-channels", "--kernel", "--kernel-size", "--stride", "--padding",
                "--dilation", "--groups", "--padding-mode", "--output-padding", "--ceil-mode", "--count-include-pad",
                "--divisor-override", "--output-size", "--no-bias"}) {
            assertTrue(r.out().contains(o + " ") || r.out().contains(o + ",") || r.out().contains(o + "\n"), o);
        }
    }
}
