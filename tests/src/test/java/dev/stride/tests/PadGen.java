package dev.stride.tests;

import static dev.stride.tests.PoolGen.draw;

import dev.stride.core.Pad2dParams;
import dev.stride.core.PadMode;
import java.util.Arrays;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * QuickTheories generators of valid pad cases in every mode, negative pads (crops) included: input
 * rank 2 to 4, last two dimensions 1..6, and pads within each mode's PyTorch rules.
 */
final class PadGen {
    private PadGen() {}

    /** A pad case: the input shape, the parameters and a seed for the input's values. */
    record PadCase(int[] shape, Pad2dParams p, long seed) {
        @Override public String toString() { return "input " + Arrays.toString(shape) + " " + p + " seed " + seed; }
    }

    static Gen<PadCase> pads() {
        return rs -> {
            PadMode mode = PadMode.values()[draw(rs, 0, PadMode.values().length - 1)];
            int rank = draw(rs, 2, 4);
            int[] shape = new int[rank];
            for (int i = 0; i < rank - 2; i++) shape[i] = draw(rs, 1, 2);
            shape[rank - 2] = draw(rs, 1, 6);
            shape[rank - 1] = draw(rs, 1, 6);
            int[] hp = axisPads(rs, mode, shape[rank - 2]);
            int[] wp = axisPads(rs, mode, shape[rank - 1]);
            float value = mode == PadMode.CONSTANT ? draw(rs, -8, 8) / 4f : 0f;
            return new PadCase(shape, new Pad2dParams(wp[0], wp[1], hp[0], hp[1], mode, value), PoolGen.seed(rs));
        };
    }

    /** {before, after} for an axis of size n, valid for the mode and leaving at least one output cell. */
    static int[] axisPads(RandomnessSource rs, PadMode mode, int n) {
        return switch (mode) {
            case CONSTANT -> {
                int before = draw(rs, -n, 3);
                yield new int[] {before, draw(rs, Math.max(1 - n - before, -(n - Math.max(-before, 0))), 3)};
            }
            case REFLECT -> {
                int before = draw(rs, -(n - 1), n - 1);
                yield new int[] {before, draw(rs, Math.max(1 - n - before, -(n - 1)), n - 1)};
            }
            case REPLICATE -> {
                int before = draw(rs, -(n - 1), 4);
                yield new int[] {before, draw(rs, Math.max(1 - n - before, -(n - 1)), 4)};
            }
            case CIRCULAR -> {
                int before = draw(rs, -(n - 1), n);
                int lower = Math.max(Math.max(-(n - 1), before - n), 1 - n - before);
                yield new int[] {before, draw(rs, lower, n - Math.max(-before, 0))};
            }
        };
    }
}
