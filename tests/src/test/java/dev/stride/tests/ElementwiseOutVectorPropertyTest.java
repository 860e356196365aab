package dev.stride.tests;

import static dev.stride.tests.PoolGen.draw;
import static dev.stride.tests.PoolGen.seed;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Activation;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.junit.jupiter.api.function.Executable;

/**
 * The {@code out=} variants of the activations and of softmax/log_softmax, on the vector engine and on
 * the reference (whose {@code Ops} defaults copy): bitwise the allocating method's result, out of place
 * and in place (activation only), the inputs untouched when {@code out} is another tensor, and
 * {@link IllegalArgumentException} naming {@code out} for a null, misshapen or (where not allowed)
 * aliased {@code out}. Also the thread split: bitwise the same result at 1, 2 and 3 threads for sizes
 * around the chunk (2^15 elements) and the thresholds below which the kernels stay on one thread (2^16
 * and 2^17), and for softmax around its task size (2^14 elements). Runs at forced widths 0/128/256 too.
 */
class ElementwiseOutVectorPropertyTest {
    private static final Activation[] KINDS = ActivationVectorPropertyTest.KINDS;

    record Case(int[] shape, int kind, long seed, int threads) {
        @Override public String toString() {
            return "shape " + Arrays.toString(shape) + " kind " + KINDS[kind] + " seed " + seed + " threads " + threads;
        }
    }

    static Gen<Case> small() {
        return rs -> {
            int rank = draw(rs, 1, 3);
            int[] shape = new int[rank];
            for (int i = 0; i < rank; i++) shape[i] = draw(rs, 1, i == rank - 1 ? 70 : 6);
            return new Case(shape, draw(rs, 0, KINDS.length - 1), seed(rs), draw(rs, 1, 3));
        };
    }

    private static Tensor input(Case c) { return VectorCompare.values(c.seed(), true, c.shape()); }

    /**
     * Bitwise equality with every NaN counted as one value: the reference computes in double and lets the
     * hardware pick NaN payloads, and the interpreter and the JIT-compiled code of the same method can pick
     * different ones (seen for GELU's backward at ±Inf inputs). Signed zeros are still told apart.
     */
    private static void sameBits(String what, Object c, Tensor actual, Tensor expected) {
        if (!actual.sameFloats(expected)) {
            throw new AssertionError(what + " differs for " + c + ": max |diff| " + actual.maxAbsDiff(expected));
        }
    }

    @Test
    void activationOutMatchesAllocatingInAndOutOfPlace() {
        qt().withExamples(150).forAll(small()).checkAssert(c -> {
            for (Ops ops : new Ops[] {Stride.vector(c.threads()), Stride.reference()}) {
                Activation a = KINDS[c.kind()];
                Tensor x = input(c), copy = x.copy();
                Tensor g = Tensor.uniform(c.seed() + 1, -2f, 2f, c.shape()), gCopy = g.copy();
                Tensor expected = ops.activation(x, a);
                Tensor out = Tensor.full(7f, c.shape());
                if (ops.activation(x, a, out) != out) throw new AssertionError("activation(out) must return out");
                sameBits(ops.name() + " activation out=", c, out, expected);
                sameBits(ops.name() + " activation input untouched", c, x, copy);

                Tensor expectedGrad = ops.activationBackward(x, g, a);
                Tensor gx = Tensor.full(-3f, c.shape());
                if (ops.activationBackward(x, g, a, gx) != gx) throw new AssertionError("activationBackward(out) must return out");
                sameBits(ops.name() + " activationBackward out=", c, gx, expectedGrad);
                sameBits(ops.name() + " activationBackward input untouched", c, x, copy);
                sameBits(ops.name() + " activationBackward gradOutput untouched", c, g, gCopy);

                Tensor inPlace = x.copy();
                if (ops.activation(inPlace, a, inPlace) != inPlace) throw new AssertionError("in place must return out");
                sameBits(ops.name() + " activation in place", c, inPlace, expected);
                // a flat view of the same data is in place too
                Tensor flatOut = x.copy();
                ops.activation(flatOut, a, flatOut.reshape(c.shape()));
                sameBits(ops.name() + " activation in place through a view", c, flatOut, expected);
            }
        });
    }

    @Test
    void softmaxOutMatchesAllocating() {
        qt().withExamples(150).forAll(small()).checkAssert(c -> {
            int dim = Math.floorMod((int) c.seed(), c.shape().length) - (c.seed() % 2 == 0 ? 0 : c.shape().length);
            for (Ops ops : new Ops[] {Stride.vector(c.threads()), Stride.reference()}) {
                Tensor x = input(c), copy = x.copy();
                Tensor out = Tensor.full(5f, c.shape());
                if (ops.softmax(x, dim, out) != out) throw new AssertionError("softmax(out) must return out");
                sameBits(ops.name() + " softmax out= dim " + dim, c, out, ops.softmax(x, dim));
                sameBits(ops.name() + " softmax input untouched", c, x, copy);
                // the same out again: no state left from the last call
                if (ops.logSoftmax(x, dim, out) != out) throw new AssertionError("logSoftmax(out) must return out");
                sameBits(ops.name() + " logSoftmax out= dim " + dim, c, out, ops.logSoftmax(x, dim));
                sameBits(ops.name() + " logSoftmax input untouched", c, x, copy);
            }
        });
    }

    private static void rejectsOut(String what, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, what);
        if (!e.getMessage().contains("out")) throw new AssertionError(what + ": message does not name out: " + e.getMessage());
    }

    @Test
    void invalidOutIsNamed() {
        for (Ops ops : new Ops[] {Stride.vector(1), Stride.vector(2), Stride.reference()}) {
            Tensor x = Tensor.uniform(1, -2f, 2f, 3, 17), g = Tensor.uniform(2, -2f, 2f, 3, 17);
            Activation a = Activation.gelu();
            rejectsOut("activation null out", () -> ops.activation(x, a, null));
            rejectsOut("activation wrong shape", () -> ops.activation(x, a, Tensor.zeros(3, 16)));
            rejectsOut("activation same size, other shape", () -> ops.activation(x, a, Tensor.zeros(17, 3)));
            rejectsOut("activation flat view", () -> ops.activation(x, a, x.reshape(51)));
            rejectsOut("activationBackward null out", () -> ops.activationBackward(x, g, a, null));
            rejectsOut("activationBackward wrong shape", () -> ops.activationBackward(x, g, a, Tensor.zeros(3, 17, 1)));
            rejectsOut("activationBackward out is input", () -> ops.activationBackward(x, g, a, x));
            rejectsOut("activationBackward out is gradOutput", () -> ops.activationBackward(x, g, a, g));
            rejectsOut("softmax null out", () -> ops.softmax(x, 1, null));
            rejectsOut("softmax wrong shape", () -> ops.softmax(x, 1, Tensor.zeros(3)));
            rejectsOut("softmax out is input", () -> ops.softmax(x, 1, x));
            rejectsOut("logSoftmax out shares input", () -> ops.logSoftmax(x, 0, x.reshape(3, 17)));
            rejectsOut("logSoftmax wrong shape", () -> ops.logSoftmax(x, 0, Tensor.zeros(1, 3, 17)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ops.activation(x, a, Tensor.zeros(4, 17)));
            if (!e.getMessage().contains("[4, 17]") || !e.getMessage().contains("[3, 17]") || !e.getMessage().contains("activation")) {
                throw new AssertionError("message should give both shapes and the op: " + e.getMessage());
            }
            Tensor copy = x.copy();
            if (!x.bitwiseEquals(copy)) throw new AssertionError("a rejected call modified its input");
        }
    }

    record SplitCase(int size, int kind, long seed) {}

    /** Sizes within 9 of a multiple 1, 2, 4 or 5 of the 2^15-element chunk. */
    static Gen<SplitCase> aroundSplit() {
        return rs -> new SplitCase(new int[] {1, 2, 4, 5}[draw(rs, 0, 3)] * (1 << 15) + draw(rs, -9, 9),
                draw(rs, 0, KINDS.length - 1), seed(rs));
    }

    @Test
    void activationThreadSplitIsBitwiseDeterministic() {
        qt().withExamples(12).forAll(aroundSplit()).checkAssert(c -> {
            Activation a = KINDS[c.kind()];
            Tensor x = VectorCompare.values(c.seed(), true, c.size());
            for (int i = 0; i < x.size(); i++) x.data()[i] *= 8f;
            Tensor g = Tensor.uniform(c.seed() + 1, -2f, 2f, c.size());
            Tensor y1 = Stride.vector(1).activation(x, a), gx1 = Stride.vector(1).activationBackward(x, g, a);
            for (int t = 2; t <= 3; t++) {
                Tensor y = Tensor.zeros(c.size()), gx = Tensor.zeros(c.size());
                sameBits("activation at " + t + " threads", c, Stride.vector(t).activation(x, a, y), y1);
                sameBits("activationBackward at " + t + " threads", c, Stride.vector(t).activationBackward(x, g, a, gx), gx1);
                Tensor inPlace = x.copy();
                sameBits("in-place activation at " + t + " threads", c, Stride.vector(t).activation(inPlace, a, inPlace), y1);
            }
        });
    }

    record SoftmaxSplitCase(int rows, int length, int inner, long seed) {}

    /** Row counts and lengths whose product is near multiples of the 2^14-element softmax task. */
    static Gen<SoftmaxSplitCase> softmaxAroundSplit() {
        return rs -> {
            int length = draw(rs, 1, 1100);
            int rows = Math.max(1, (draw(rs, 1, 3) << 14) / length + draw(rs, -2, 2));
            return new SoftmaxSplitCase(rows, length, draw(rs, 0, 2) == 0 ? draw(rs, 2, 11) : 1, seed(rs));
        };
    }

    @Test
    void softmaxThreadSplitIsBitwiseDeterministic() {
        qt().withExamples(12).forAll(softmaxAroundSplit()).checkAssert(c -> {
            int[] shape = c.inner() == 1 ? new int[] {c.rows(), c.length()} : new int[] {Math.max(1, c.rows() / c.inner()), c.length(), c.inner()};
            Tensor x = VectorCompare.values(c.seed(), true, shape);
            for (int i = 0; i < x.size(); i++) x.data()[i] *= 10f;
            Tensor s1 = Stride.vector(1).softmax(x, 1), l1 = Stride.vector(1).logSoftmax(x, 1);
            for (int t = 2; t <= 3; t++) {
                Tensor out = Tensor.zeros(shape);
                sameBits("softmax at " + t + " threads", c, Stride.vector(t).softmax(x, 1, out), s1);
                sameBits("logSoftmax at " + t + " threads", c, Stride.vector(t).logSoftmax(x, 1, out), l1);
            }
        });
    }
}
