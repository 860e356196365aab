package dev.stride.bench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {
    private static final Args.Spec SPEC = Args.spec("demo")
            .positional("model", "the model")
            .option("threads", "n", "threads")
            .option("size", "k | h,w", "a pair").alias("kernel-size")
            .bool("ceil-mode", "a boolean")
            .flag("verbose", "a flag");

    private static Args parse(String s) { return SPEC.parse(s.isBlank() ? new String[0] : s.split(" ")); }

    @Test
    void parsesValuesFlagsBooleansAliasesAndPositionals() {
        Args a = parse("m.onnx --threads 4 --kernel-size=3,5 --ceil-mode --verbose extra");
        assertEquals(List.of("m.onnx", "extra"), a.positionals());
        assertEquals(4, a.intValue("threads", 1));
        assertArrayEquals(new int[] {3, 5}, a.intList("size", 1, 2));
        assertTrue(a.has("kernel-size"));
        assertTrue(a.bool("ceil-mode"));
        assertTrue(a.bool("verbose"));
        assertFalse(a.helpRequested());
    }

    @Test
    void booleanTakesAnOptionalTrueOrFalse() {
        assertFalse(parse("--ceil-mode false").bool("ceil-mode"));
        assertTrue(parse("--ceil-mode true").bool("ceil-mode"));
        assertFalse(parse("--ceil-mode=false").bool("ceil-mode"));
        Args a = parse("--ceil-mode model");
        assertTrue(a.bool("ceil-mode"));
        assertEquals("model", a.positional(0));
    }

    @Test
    void defaultsWhenAbsent() {
        Args a = parse("");
        assertEquals(7, a.intValue("threads", 7));
        assertNull(a.intList("size"));
        assertFalse(a.bool("verbose"));
        assertNull(a.positional(0));
        assertEquals("x", a.string("threads", "x"));
    }

    @Test
    void helpAnywhere() {
        assertTrue(parse("m --threads 2 -h").helpRequested());
        assertTrue(parse("--help").helpRequested());
        String help = SPEC.help();
        assertTrue(help.startsWith("usage: ./stride demo <model> [options]"), help);
        assertTrue(help.contains("--size, --kernel-size k | h,w"), help);
    }

    @Test
    void doubleDashEndsOptionsAndNegativeNumbersArePositionals() {
        Args a = parse("-3 -- --verbose");
        assertEquals(List.of("-3", "--verbose"), a.positionals());
        assertFalse(a.bool("verbose"));
    }

    @Test
    void negativeNumberIsAValue() {
        assertEquals(-2, parse("--threads -2").intValue("threads", 0));
    }

    @Test
    void errorsNameTheOption() {
        assertMessage("unknown option --nope", () -> parse("--nope 1"));
        assertMessage("unknown option -x", () -> parse("-x"));
        assertMessage("option --threads needs a value (n)", () -> parse("--threads"));
        assertMessage("option --threads needs a value (n)", () -> parse("--threads --verbose"));
        assertMessage("option --threads is given twice", () -> parse("--threads 1 --threads 2"));
        assertMessage("option --verbose takes no value", () -> parse("--verbose=yes"));
        assertMessage("option --ceil-mode: 'yes' is not true or false", () -> parse("--ceil-mode=yes"));
        assertMessage("option --threads: 'four' is not an integer", () -> parse("--threads four").intValue("threads", 1));
        assertMessage("option --size: '1,2,3' has 3 values; expected k | h,w", () -> parse("--size 1,2,3").intList("size", 1, 2));
        assertMessage("option --size: '1,,2' is not a comma-separated list", () -> parse("--size 1,,2").intList("size"));
        assertMessage("option --threads is required", () -> parse("").require("threads"));
        assertMessage("option --threads does not apply to x", () -> parse("--threads 1").onlyAllow(Set.of("size"), "x"));
    }

    private static void assertMessage(String prefix, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().startsWith(prefix), "'" + x.getMessage() + "' should start with '" + prefix + "'");
    }
}
