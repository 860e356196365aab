package dev.stride.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stride.core.Conv2dParams;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.Padding2d;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {
    private static final Pattern ARITHMETIC = Pattern.compile(
            "(floor|ceil)\\(\\((\\d+) \\+ (\\d+) \\+ (\\d+) - (\\d+)\\*\\((\\d+)-1\\) - 1\\) / (\\d+)\\) \\+ 1"
            + " = (floor|ceil)\\((-?\\d+) / (\\d+)\\) \\+ 1 = (\\d+)(; window \\d+ would start at .* dropped: (\\d+))?");

    @Test
    void issueExampleGivesTheOutputShapeArithmeticWeightsAndFlops() {
        CliRun r = CliRun.of("explain conv2d --input 1,3,224,224 --out-channels 64 --kernel 7 --stride 2 --padding 3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.line("output shape").startsWith("output shape  1,64,112,112"), r.out());
        assertEquals("height  floor((224 + 3 + 3 - 1*(7-1) - 1) / 2) + 1 = floor(223 / 2) + 1 = 112", r.line("height"));
        assertEquals("width   floor((224 + 3 + 3 - 1*(7-1) - 1) / 2) + 1 = floor(223 / 2) + 1 = 112", r.line("width"));
        assertTrue(r.line("weight").startsWith("weight      64,3,7,7"), r.out());
        assertTrue(r.line("parameters").startsWith("parameters  9,472 = 64*3*7*7 + 64"), r.out());
        // 2 FLOPs per multiply-add: 1*64*112*112 outputs, each 3*7*7 multiply-adds.
        long flops = 2L * 64 * 112 * 112 * 3 * 7 * 7;
        assertTrue(r.line("FLOPs").startsWith(String.format(java.util.Locale.ROOT, "FLOPs       %,d", flops)), r.out());
        assertTrue(r.out().contains("picture: only for inputs up to 16x16"), r.out());
    }

    /** Over many shapes the printed shape is the record's, and each printed formula evaluates to what it claims. */
    @Test
    void printedShapeIsTheRecordsAndPrintedArithmeticIsTrue() {
        int cases = 0;
        for (int in : new int[] {1, 4, 7, 16, 33}) {
            for (int k : new int[] {1, 2, 3, 5}) {
                for (int s : new int[] {1, 2, 3}) {
                    for (int p : new int[] {0, 1, 2}) {
                        for (int d : new int[] {1, 2}) {
                            Conv2dParams params = Conv2dParams.builder(2, 4, k).stride(s).padding(p).dilation(d).build();
                            int[] shape = {1, 2, in, in + 1};
                            String cmd = "explain conv2d --input 1,2," + in + "," + (in + 1) + " --out-channels 4 --kernel " + k
                                    + " --stride " + s + " --padding " + p + " --dilation " + d;
                            int[] expected;
                            try {
                                expected = params.outputShape(shape);
                            } catch (IllegalArgumentException e) {
                                CliRun bad = CliRun.of(cmd);
                                assertEquals(2, bad.code(), cmd);
                                continue;
                            }
                            CliRun r = CliRun.of(cmd);
                            assertEquals(0, r.code(), cmd + "\n" + r.err());
                            assertTrue(r.line("output shape").startsWith("output shape  " + ExplainFormat.shape(expected)), cmd);
                            assertEquals(expected[2], checkArithmetic(r.line("height")), cmd);
                            assertEquals(expected[3], checkArithmetic(r.line("width")), cmd);
                            cases++;
                        }
                    }
                }
            }
        }
        assertTrue(cases > 200, "only " + cases + " valid cases");
    }

    /** Checks that the printed formula holds and returns the size it ends with. */
    private static int checkArithmetic(String line) {
        Matcher m = ARITHMETIC.matcher(line);
        assertTrue(m.find(), "not a conv_arithmetic line: " + line);
        long num = Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)) + Long.parseLong(m.group(4))
                - Long.parseLong(m.group(5)) * (Long.parseLong(m.group(6)) - 1) - 1;
        long stride = Long.parseLong(m.group(7));
        assertEquals(num, Long.parseLong(m.group(9)), line);
        assertEquals(stride, Long.parseLong(m.group(10)), line);
        long rounded = m.group(1).equals("ceil") ? Math.floorDiv(num + stride - 1, stride) + 1 : Math.floorDiv(num, stride) + 1;
        assertEquals(rounded, Long.parseLong(m.group(11)), line);
        if (m.group(12) != null) {
            assertEquals(rounded - 1, Long.parseLong(m.group(13)), line);
            return Integer.parseInt(m.group(13));
        }
        return Integer.parseInt(m.group(11));
    }

    @ParameterizedTest
    @CsvSource({
            // in, kernel, stride, padding, ceil: PyTorch's sizes (ceil mode keeps a window only if it starts inside
            // the input or the left padding)
            "5, 2, 2, 1, true, 3",
            "5, 2, 2, 1, false, 3",
            "6, 3, 2, 0, true, 3",
            "6, 3, 2, 0, false, 2",
            "5, 2, 2, 0, true, 3",
            "7, 3, 2, 1, true, 4",
    })
    void maxPoolCeilMode(int in, int k, int s, int p, boolean ceil, int out) {
        CliRun r = CliRun.of("explain max_pool2d --input 1,3," + in + "," + in + " --kernel " + k + " --stride " + s
                + " --padding " + p + " --ceil-mode " + ceil);
        assertEquals(0, r.code(), r.err());
        assertEquals(out, new MaxPool2dParams(k, k, s, s, p, p, 1, 1, ceil).outHeight(in), "record disagrees with PyTorch");
        assertTrue(r.line("output shape").startsWith("output shape  1,3," + out + "," + out), r.out());
        assertEquals(out, checkArithmetic(r.line("height")));
    }

    @Test
    void ceilModeDropExplainsWhy() {
        CliRun r = CliRun.of("explain max_pool2d --input 1,1,5,5 --kernel 2 --padding 1 --ceil-mode");
        assertTrue(r.line("height").endsWith("= 4; window 3 would start at (4-1)*2 = 6 >= in + pad_before = 5 + 1,"
                + " so it is dropped: 3"), r.out());
    }

    @Test
    void avgPoolCeilModeDivisorClipsTheOverhang() {
        CliRun r = CliRun.of("explain avg_pool2d --input 1,1,5,5 --kernel 2 --ceil-mode");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.line("output shape").startsWith("output shape  1,1,3,3"), r.out());
        // The last window covers rows/cols 4..5; only cell (4,4) is inside the (unpadded) input: divisor 1.
        assertTrue(r.line("e: output [2,2]").endsWith("4 cells, 1 input, 3 past the padding; divisor 1"), r.out());
        CliRun padded = CliRun.of("explain avg_pool2d --input 1,1,5,5 --kernel 3 --stride 2 --padding 1");
        assertTrue(padded.line("a: output [0,0]").endsWith("4 input, 5 padding; divisor 9"), padded.out());
        CliRun excluded = CliRun.of("explain avg_pool2d --input 1,1,5,5 --kernel 3 --stride 2 --padding 1 --count-include-pad false");
        assertTrue(excluded.line("a: output [0,0]").endsWith("4 input, 5 padding; divisor 4"), excluded.out());
        CliRun override = CliRun.of("explain avg_pool2d --input 1,1,5,5 --kernel 3 --stride 2 --padding 1 --divisor-override 7");
        assertTrue(override.line("a: output [0,0]").endsWith("divisor 7 (divisor_override)"), override.out());
    }

    @Test
    void samePaddingKeepsTheSizeAndPutsTheOddCellAtTheEnd() {
        CliRun r = CliRun.of("explain conv2d --input 1,1,6,6 --out-channels 1 --kernel 4 --padding same");
        assertEquals(0, r.code(), r.err());
        Padding2d same = Padding2d.same(4, 4, 1, 1);
        assertEquals(new Padding2d(1, 2, 1, 2), same);
        assertTrue(r.line("output shape").startsWith("output shape  1,1,6,6"), r.out());
        assertTrue(r.out().contains("padding 'same' = 1,2,1,2 (top,bottom,left,right)"), r.out());
        assertEquals(6, checkArithmetic(r.line("height")));
        CliRun oneD = CliRun.of("explain conv1d --input 1,2,9 --out-channels 3 --kernel 3 --dilation 2 --padding same");
        assertTrue(oneD.line("output shape").startsWith("output shape  1,3,9"), oneD.out());
        CliRun valid = CliRun.of("explain conv2d --input 1,1,6,6 --out-channels 1 --kernel 4 --padding valid");
        assertTrue(valid.line("output shape").startsWith("output shape  1,1,3,3"), valid.out());
    }

    @Test
    void pictureOfA5x5InputWith3x3KernelPadding1Stride2() {
        CliRun r = CliRun.of("explain conv2d --input 1,1,5,5 --out-channels 1 --kernel 3 --stride 2 --padding 1");
        assertEquals(0, r.code(), r.err());
        List<String> expected = List.of(
                "       -1  0  1  2  3  4  5",
                "   -1   a  a  2  b  b  .  .",
                "    0   a  a  2  b  b  o  .",
                "    1   2  2  4  2  2  o  .",
                "    2   c  c  2  d  d  o  .",
                "    3   c  c  2  d  2  e  e",
                "    4   .  o  o  o  e  e  e",
                "    5   .  .  .  .  e  e  e");
        List<String> lines = r.out().lines().toList();
        int at = lines.indexOf(expected.getFirst());
        assertTrue(at > 0, r.out());
        assertEquals(expected, lines.subList(at, at + expected.size()), r.out());
        assertTrue(r.out().contains("a: output [0,0] reads rows -1..1 x cols -1..1: 9 cells, 4 input, 5 padding"), r.out());
        assertTrue(r.out().contains("e: output [2,2] reads rows 3..5 x cols 3..5: 9 cells, 4 input, 5 padding"), r.out());
        assertTrue(r.line("output shape").startsWith("output shape  1,1,3,3"), r.out());
    }

    @Test
    void picturesForTheOtherOpsDrawTheirWindows() {
        CliRun t = CliRun.of("explain conv_transpose2d --input 1,1,3,3 --out-channels 1 --kernel 3 --stride 2 --padding 1 --output-padding 1");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.line("output shape").startsWith("output shape  1,1,6,6"), t.out());
        assertEquals("height  (3-1)*2 - 2*1 + 1*(3-1) + 1 + 1 = 6", t.line("height"));
        assertTrue(t.out().contains("a: input [0,0] writes rows -1..1 x cols -1..1: 9 cells, 4 output, 5 cropped by padding"), t.out());
        CliRun a = CliRun.of("explain adaptive_avg_pool2d --input 1,1,5,7 --output-size 3");
        assertEquals("height  5 -> 3: [0,2) [1,4) [3,5)", a.line("height"));
        assertEquals("width   7 -> 3: [0,3) [2,5) [4,7)", a.line("width"));
        CliRun m = CliRun.of("explain max_pool1d --input 1,1,6 --kernel 3 --stride 2 --padding 1");
        assertTrue(m.out().contains("      a  a  2  b  2  c  c  ."), m.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "conv2d --input 1,3,8 --out-channels 2 --kernel 3 | --input",
            "conv2d --input 1,3,8,8 --kernel 3 | --out-channels",
            "conv2d --input 1,3,8,8 --out-channels 2 | --kernel",
            "conv2d --input 1,3,8,8 --out-channels 2 --kernel 3 --stride x | --stride",
            "conv2d --input 1,3,8,8 --out-channels 2 --kernel 3,3,3 | --kernel",
            "conv2d --input 1,3,8,8 --out-channels 2 --kernel 3 --bogus 1 | --bogus",
            "conv2d --input 1,3,8,8 --out-channels 2 --kernel 3 --padding 1,2,3 | --padding",
            "conv2d --input 1,3,8,8 --out-channels 2 --kernel 3 --padding-mode mirror | --padding-mode",
            "conv2d --input 1,3,8,8 --out-channels 2 --kernel 3 --stride 1 --stride 2 | --stride",
            "max_pool2d --input 1,3,8,8 --kernel 3 --groups 2 | --groups",
            "max_pool2d --input 1,3,8,8 --kernel 2 --padding same | --padding",
            "avg_pool2d --input 1,1,4,4 --kernel 2 --divisor-override 0 | --divisor-override",
            "avg_pool2d --input 1,1,4,4 --kernel 2 --count-include-pad=maybe | --count-include-pad",
            "adaptive_avg_pool2d --input 1,1,4,4 | --output-size",
            "conv2d --input | --input",
            "conv2d --input 1,3,8,8 --out-channels 2 --kernel 3 --no-bias=yes | --no-bias",
    })
    void badOptionsExit2WithOneLineNamingTheOption(String args, String option) {
        CliRun r = CliRun.of("explain " + args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(option), "message should name " + option + ": " + r.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "conv2d --input 1,3,8,8 --out-channels 2 --kernel 3 --padding same --stride 2 | same",
            "max_pool2d --input 1,3,8,8 --kernel 2 --padding 2 | padding",
            "conv2d --input 1,3,2,2 --out-channels 2 --kernel 3 | kernel",
            "conv2d --input 1,3,8,8 --out-channels 2 --kernel 3 --groups 2 | groups",
            "conv_transpose2d --input 1,1,3,3 --out-channels 1 --kernel 3 --stride 2 --output-padding 2 | output_padding",
            "conv2d --input 1,3,8,8 --out-channels 2 --kernel 3 --padding 8 --padding-mode reflect | reflect",
    })
    void invalidCombinationsAreRejectedByTheRecordsWithExit2(String args, String word) {
        CliRun r = CliRun.of("explain " + args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(word), r.err());
    }

    @Test
    void missingOrUnknownOpExits2() {
        assertEquals(2, CliRun.of("explain").code());
        CliRun r = CliRun.of("explain conv3d --input 1,1,4,4,4");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown op 'conv3d'"), r.err());
    }
}
