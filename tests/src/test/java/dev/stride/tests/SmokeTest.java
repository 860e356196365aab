package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.stride.core.Tensor;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void reshapeKeepsSize() {
        qt().withExamples(50).forAll(integers().between(1, 20), integers().between(1, 20))
            .checkAssert((a, b) -> assertEquals(a * b, Tensor.zeros(a, b).reshape(-1).size()));
    }
}
