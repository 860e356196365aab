package dev.stride.nn;

import dev.stride.core.Check;
import dev.stride.core.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Weight initialisation with PyTorch's formulas ({@code torch.nn.init}), drawn from a seeded
 * {@link SplittableRandom}: the same generator state gives the same tensor bit for bit.
 *
 * <p>Fans follow {@code _calculate_fan_in_and_fan_out}: for a weight of shape {@code [d0, d1, k...]},
 * {@code fan_in = d1 * prod(k)} and {@code fan_out = d0 * prod(k)}. Gains follow
 * {@code calculate_gain}: relu {@code sqrt(2)}, leaky_relu {@code sqrt(2/(1+a^2))}, linear 1, tanh 5/3.
 *
 * <p>PyTorch's defaults for {@code Conv*d} and {@code Linear} are {@link #defaultWeight} (kaiming_uniform
 * with {@code a = sqrt(5)}, which is uniform in {@code ±1/sqrt(fan_in)}) and {@link #defaultBias}
 * (uniform in {@code ±1/sqrt(fan_in)}). The random streams are not PyTorch's, only the distributions.
 */
public final class Init {
    private Init() {}

    /** Fan mode of the Kaiming initialisers. */
    public enum FanMode { FAN_IN, FAN_OUT }

    /** {@code fan_in} of a weight shape (rank >= 2). */
    public static int fanIn(int[] shape) {
        requireRank2(shape);
        return shape[1] * receptive(shape);
    }

    /** {@code fan_out} of a weight shape (rank >= 2). */
    public static int fanOut(int[] shape) {
        requireRank2(shape);
        return shape[0] * receptive(shape);
    }

    private static int receptive(int[] shape) {
        int r = 1;
        for (int i = 2; i < shape.length; i++) r *= shape[i];
        return r;
    }

    private static void requireRank2(int[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("fan in and fan out need a tensor of at least 2 dimensions, got shape "
                    + Arrays.toString(shape));
        }
    }

    /** {@code calculate_gain('leaky_relu', a)}: {@code sqrt(2/(1+a^2))}; a = 0 is relu's {@code sqrt(2)}. */
    public static double leakyReluGain(double a) { return Math.sqrt(2.0 / (1 + a * a)); }

    /** {@code kaiming_uniform_(w, a, mode, 'leaky_relu')}: uniform in {@code ±gain*sqrt(3/fan)}. */
    public static Tensor kaimingUniform(SplittableRandom rng, double a, FanMode mode, int... shape) {
        double bound = leakyReluGain(a) * Math.sqrt(3.0 / fan(mode, shape));
        return uniform(rng, bound, shape);
    }

    /** {@code kaiming_normal_(w, a, mode, 'leaky_relu')}: normal with std {@code gain/sqrt(fan)}. */
    public static Tensor kaimingNormal(SplittableRandom rng, double a, FanMode mode, int... shape) {
        return normal(rng, leakyReluGain(a) / Math.sqrt(fan(mode, shape)), shape);
    }

    /** {@code xavier_uniform_(w, gain)}: uniform in {@code ±gain*sqrt(6/(fan_in+fan_out))}. */
    public static Tensor xavierUniform(SplittableRandom rng, double gain, int... shape) {
        return uniform(rng, gain * Math.sqrt(6.0 / ((double) fanIn(shape) + fanOut(shape))), shape);
    }

    /** {@code xavier_normal_(w, gain)}: normal with std {@code gain*sqrt(2/(fan_in+fan_out))}. */
    public static Tensor xavierNormal(SplittableRandom rng, double gain, int... shape) {
        return normal(rng, gain * Math.sqrt(2.0 / ((double) fanIn(shape) + fanOut(shape))), shape);
    }

    /** PyTorch's default weight of Conv*d and Linear: {@code kaiming_uniform_(w, a=sqrt(5))}. */
    public static Tensor defaultWeight(SplittableRandom rng, int... shape) {
        return kaimingUniform(rng, Math.sqrt(5), FanMode.FAN_IN, shape);
    }

    /** PyTorch's default bias of Conv*d and Linear: uniform in {@code ±1/sqrt(fan_in)} (0 when fan_in is 0). */
    public static Tensor defaultBias(SplittableRandom rng, int fanIn, int size) {
        double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
        return uniform(rng, bound, size);
    }

    /** Uniform in {@code [-bound, bound)}. */
    public static Tensor uniform(SplittableRandom rng, double bound, int... shape) {
        Check.notNull("rng", rng);
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        return t;
    }

    /** Normal with mean 0 and the given standard deviation (Box-Muller on the seeded stream). */
    public static Tensor normal(SplittableRandom rng, double std, int... shape) {
        Check.notNull("rng", rng);
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i += 2) {
            double u1 = 1.0 - rng.nextDouble(), u2 = rng.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1));
            d[i] = (float) (std * r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < d.length) d[i + 1] = (float) (std * r * Math.sin(2 * Math.PI * u2));
        }
        return t;
    }

    private static int fan(FanMode mode, int[] shape) {
        Check.notNull("mode", mode);
        int f = mode == FanMode.FAN_IN ? fanIn(shape) : fanOut(shape);
        if (f == 0) throw new IllegalArgumentException("cannot initialise a tensor of shape " + Arrays.toString(shape)
                + ": its fan is zero");
        return f;
    }
}
