package dev.stride.bench.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.stride.core.Tensor;
import dev.stride.nn.train.Trainer.EpochResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's options, messages and pictures (training itself is covered by nn-layers' tests). */
class DemoCommandTest {
    @TempDir Path dir;

    @BeforeAll
    static void headless() { System.setProperty("java.awt.headless", "true"); }

    @Test
    void helpListsEveryOption() {
        CliRun r = CliRun.of("demo --help");
        assertEquals(0, r.code());
        for (String o : new String[] {"--epochs", "--batch", "--lr", "--threads", "--seed", "--data", "--out"}) {
            assertTrue(r.out().contains(o), o + " missing from:\n" + r.out());
        }
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        CliRun r = CliRun.of("demo --epochs 0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--epochs 0 must be positive"), r.err());
        assertTrue(CliRun.of("demo --lr fast").err().contains("--lr 'fast' is not a number"));
        assertTrue(CliRun.of("demo --batch").err().contains("--batch needs a value"));
        assertTrue(CliRun.of("demo --speed 3").err().contains("unknown option --speed"));
        assertEquals(2, CliRun.of("demo --threads=-1").code());
    }

    @Test
    void missingDataFolderIsReportedWithoutAStackTrace() {
        CliRun r = CliRun.of("demo", "--data", dir.resolve("nowhere").toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nowhere") && r.err().contains("not a directory"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void anOutputFolderThatCannotBeMadeIsAUsageError() throws IOException {
        Path file = java.nio.file.Files.writeString(dir.resolve("taken"), "a file, not a folder");
        CliRun r = CliRun.of("demo", "--out", file.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("cannot write to the output folder") && r.err().contains("taken"), r.err());
    }

    @Test
    void optionsParseBothSpellings() {
        DemoOptions o = DemoOptions.parse(new String[] {"--epochs=3", "--batch", "16", "--lr", "0.01", "--seed=-4", "--out", "x"});
        assertEquals(3, o.epochs());
        assertEquals(16, o.batch());
        assertEquals(0.01, o.lr());
        assertEquals(-4, o.seed());
        assertEquals(Path.of("x"), o.out());
        assertNull(o.data());
    }

    @Test
    void ratesAreRoundedToThreeSignificantDigits() {
        assertEquals("31,200", DemoCommand.threeDigits(31_234));
        assertEquals("95,000", DemoCommand.threeDigits(94_987));
        assertEquals("1,360", DemoCommand.threeDigits(1_357.2));
        assertEquals("157", DemoCommand.threeDigits(156.8));
        assertEquals("2.50", DemoCommand.threeDigits(2.5));
    }

    @Test
    void picturesArePngsOfTheExpectedLayout() throws IOException {
        Tensor w = Tensor.uniform(1, -1, 1, 6, 1, 5, 5);
        Tensor digits = Tensor.uniform(2, -0.4f, 2.8f, 3, 1, 28, 28);
        Tensor maps = Tensor.uniform(3, 0, 4, 3, 6, 28, 28);
        Path f = dir.resolve("filters.png");
        DemoFigures.filtersAndMaps(w, digits, maps, f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertNotNull(img);
        assertTrue(img.getWidth() > 7 * 56 && img.getHeight() > 4 * 56, img.getWidth() + "x" + img.getHeight());

        Path m = dir.resolve("wrong.png");
        int shown = DemoFigures.misclassified(digits, new int[] {1, 2, 3}, new int[] {1, 7, 8}, 60, m);
        assertEquals(2, shown);
        assertNotNull(ImageIO.read(m.toFile()));

        Path c = dir.resolve("curves.png");
        DemoPlot.curves(List.of(new EpochResult(0, 1e-3, 0.5, 0.85, 0.2, 0.94, 3, 2000),
                new EpochResult(1, 5e-4, 0.1, 0.97, 0.09, 0.975, 2.5, 2400)), c);
        BufferedImage curves = ImageIO.read(c.toFile());
        assertEquals(840, curves.getWidth());
    }
}
