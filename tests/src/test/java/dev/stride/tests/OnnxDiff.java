package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.List;
import java.util.function.Consumer;

/** Shared pieces of the differential suites: the engines under test and the comparison with a readable failure. */
final class OnnxDiff {
    private OnnxDiff() {}

    /** Both Stride engines, compared against ONNX Runtime on every case. */
    static List<Ops> engines() { return List.of(Stride.reference(), Stride.vector()); }

    /** Asserts {@code actual} (Stride) is within {@code |a-b| <= atol + rtol*|b|} of {@code expected} (ORT). */
    static void assertClose(String what, Tensor expected, Tensor actual, float atol, float rtol) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertTrue(actual.allClose(expected, atol, rtol), () -> what + ": max |diff| " + actual.maxAbsDiff(expected)
                + " exceeds atol " + atol + " + rtol " + rtol + "\n  onnxruntime " + expected + "\n  stride      " + actual);
    }

    /** Runs {@code body} for each engine, naming the engine in failures. */
    static void forEachEngine(String caseName, Consumer<Ops> body) {
        for (Ops ops : engines()) {
            try {
                body.accept(ops);
            } catch (AssertionError e) {
                throw new AssertionError(ops.name() + " engine, " + caseName + ": " + e.getMessage(), e);
            }
        }
    }
}
