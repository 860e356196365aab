package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import dev.stride.core.reference.Erf;
import org.junit.jupiter.api.Test;

/**
 * The double-precision error function behind GELU: tabulated values (computed with mpmath at 40 digits)
 * to a relative error of 4e-15, continuity where the method changes, symmetry, {@code erf + erfc = 1},
 * monotonicity, and the special values.
 */
class ActivationErfTest {
    private static final double REL = 4e-15;

    private static void assertRelative(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= REL * Math.abs(expected),
                () -> what + ": expected " + expected + " got " + actual + " (relative error "
                        + Math.abs(actual - expected) / Math.abs(expected) + ")");
    }

    @Test
    void tabulatedValues() {
        double[][] table = { // x, erf(x), erfc(x)
            {1e-10, 1.1283791670955125739e-10, 0.99999999988716208329},
            {0.001, 0.0011283787909692363799, 0.99887162120903076362},
            {0.1, 0.1124629160182848922, 0.8875370839817151078},
            {0.5, 0.52049987781304653768, 0.47950012218695346232},
            {1, 0.84270079294971486934, 0.15729920705028513066},
            {0.75, 0.7111556336535151316, 0.2888443663464848684},
            {1.2, 0.91031397822963538024, 0.089686021770364619762},
            {1.5, 0.96610514647531072707, 0.033894853524689272933},
            {1.7, 0.98379045859077456363, 0.016209541409225436374},
            {2.2, 0.99813715370201810856, 0.0018628462979818914435},
            {2.45, 0.9994694198877489456, 0.00053058011225105440345},
            {2, 0.99532226501895273416, 0.0046777349810472658379},
            {2.4999, 0.99959283009966654908, 0.0004071699003334509212},
            {2.5, 0.99959304798255504106, 0.00040695201744495893956},
            {3, 0.99997790950300141456, 0.000022090496998585441373},
            {4, 0.99999998458274209972, 1.5417257900280018852e-8},
            {5, 0.99999999999846254021, 1.5374597944280348502e-12},
            {6, 0.99999999999999997848, 2.1519736712498913117e-17},
        };
        for (double[] row : table) {
            assertRelative(row[1], Erf.erf(row[0]), "erf(" + row[0] + ")");
            assertRelative(-row[1], Erf.erf(-row[0]), "erf(-" + row[0] + ")");
            assertRelative(row[2], Erf.erfc(row[0]), "erfc(" + row[0] + ")");
            assertRelative(2 - row[2], Erf.erfc(-row[0]), "erfc(-" + row[0] + ")");
        }
        double[][] tail = {{8, 1.122429717298292708e-29}, {10, 2.088487583762544757e-45},
            {20, 5.3958656116079009289e-176}, {26, 5.6631924088561428465e-296}};
        for (double[] row : tail) assertRelative(row[1], Erf.erfc(row[0]), "erfc(" + row[0] + ")");
    }

    @Test
    void specialValues() {
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
        assertTrue(Double.isNaN(Erf.erfc(Double.NaN)));
        assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Erf.erfc(Double.POSITIVE_INFINITY));
        assertEquals(2.0, Erf.erfc(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Erf.erf(0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Erf.erf(-0.0)));
        assertEquals(1.0, Erf.erfc(0.0));
        assertEquals(0.0, Erf.erfc(30.0));
        assertEquals(1.0, Erf.erf(7.0));
    }

    @Test
    void oddAndComplementary() {
        qt().withExamples(2000).forAll(doubles().between(-8, 8)).checkAssert(x -> {
            assertEquals(-Erf.erf(x), Erf.erf(-x), 0.0, () -> "erf is odd at " + x);
            assertEquals(1.0, Erf.erf(x) + Erf.erfc(x), 2e-15, () -> "erf + erfc at " + x);
            assertEquals(2.0, Erf.erfc(x) + Erf.erfc(-x), 2e-15, () -> "erfc(x) + erfc(-x) at " + x);
        });
    }

    /**
     * No jump across the switches between methods and between Taylor centres beyond the documented
     * error of about 1e-15 (neighbouring doubles differ by far less in the true functions), and erf non-decreasing
     * on a fine grid.
     */
    @Test
    void continuousAcrossMethodBoundariesAndMonotone() {
        for (double boundary : new double[] {-2.5, -1.0, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5}) {
            double x = boundary - 64 * Math.ulp(boundary);
            for (int i = 0; i < 128; i++) {
                double next = Math.nextUp(x);
                assertEquals(Erf.erf(x), Erf.erf(next), 1.5e-15, "erf at " + next);
                assertEquals(Erf.erfc(x), Erf.erfc(next), 1.5e-15, "erfc at " + next);
                x = next;
            }
        }
        double previous = -1;
        for (double x = -7; x <= 7; x += 1.0 / 256) {
            double e = Erf.erf(x);
            assertTrue(e >= previous, "erf decreases at " + x);
            previous = e;
        }
    }

    /** erf'(x) = 2/sqrt(pi) exp(-x^2), checked by central differences away from the flat tails. */
    @Test
    void derivativeIsGaussian() {
        qt().withExamples(500).forAll(doubles().between(-4, 4)).checkAssert(x -> {
            double h = 1e-5;
            double numeric = (Erf.erf(x + h) - Erf.erf(x - h)) / (2 * h);
            double exact = 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
            assertEquals(exact, numeric, 1e-9, () -> "erf' at " + x);
        });
    }
}
