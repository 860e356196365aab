package dev.stride.nn.optim;

import static org.junit.jupiter.api.Assertions.*;

import dev.stride.core.Tensor;
import dev.stride.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Optimizer steps against PyTorch's update formulas written out by hand in double, on tiny tensors,
 * over several steps with changing gradients.
 */
class OptimizerTest {
    private static final float[] W0 = {0.5f, -1.25f, 2f};
    private static final float[][] GRADS = {{0.1f, -0.2f, 0.3f}, {-0.4f, 0.05f, 0.6f}, {0.2f, 0.2f, -0.1f}};

    private static Parameter param() { return new Parameter("w", Tensor.of(W0, 3)); }

    private static void setGrad(Parameter p, float[] g) {
        p.zeroGrad();
        p.accumulate(Tensor.of(g, 3));
    }

    private static void assertClose(double[] expected, Parameter p) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], p.value().data()[i], 1e-6 * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }

    /** torch.optim.SGD, written out. */
    private static double[] sgd(double lr, double mom, double damp, double wd, boolean nesterov) {
        double[] w = {W0[0], W0[1], W0[2]};
        double[] buf = null;
        for (float[] grad : GRADS) {
            double[] g = new double[3];
            for (int i = 0; i < 3; i++) g[i] = grad[i] + wd * w[i];
            if (mom != 0) {
                if (buf == null) buf = g.clone();
                else for (int i = 0; i < 3; i++) buf[i] = mom * buf[i] + (1 - damp) * g[i];
                for (int i = 0; i < 3; i++) g[i] = nesterov ? g[i] + mom * buf[i] : buf[i];
            }
            for (int i = 0; i < 3; i++) w[i] -= lr * g[i];
        }
        return w;
    }


    private static Parameter stepAll(java.util.function.Function<List<Parameter>, Optimizer> make) {
        Parameter p = param();
        Optimizer o = make.apply(List.of(p));
        for (float[] g : GRADS) {
            setGrad(p, g);
            o.step();
        }
        return p;
    }

    @Test
    void sgdMatchesPyTorchFormulas() {
        assertClose(sgd(0.1, 0, 0, 0, false), stepAll(ps -> new Sgd(ps, 0.1)));
        assertClose(sgd(0.1, 0.9, 0, 0, false), stepAll(ps -> new Sgd(ps, 0.1, 0.9, 0, 0, false)));
        assertClose(sgd(0.1, 0.9, 0.3, 0.01, false), stepAll(ps -> new Sgd(ps, 0.1, 0.9, 0.3, 0.01, false)));
        assertClose(sgd(0.05, 0.8, 0, 0.1, true), stepAll(ps -> new Sgd(ps, 0.05, 0.8, 0, 0.1, true)));
        // the first step of plain SGD, by hand: 0.5 - 0.1*0.1
        Parameter p = param();
        setGrad(p, GRADS[0]);
        new Sgd(List.of(p), 0.1).step();
        assertEquals(0.49f, p.value().data()[0], 1e-7f);
    }

    /** torch.optim.Adam / AdamW, written out. */
    private static double[] adam(double lr, double b1, double b2, double eps, double wd, boolean decoupled) {
        double[] w = {W0[0], W0[1], W0[2]}, m = new double[3], v = new double[3];
        int t = 0;
        for (float[] grad : GRADS) {
            t++;
            for (int i = 0; i < 3; i++) {
                double g = grad[i];
                if (decoupled) w[i] *= 1 - lr * wd;
                else g += wd * w[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t)), vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        return w;
    }

    @Test
    void adamAndAdamWMatchPyTorchFormulas() {
        assertClose(adam(1e-3, 0.9, 0.999, 1e-8, 0, false), stepAll(ps -> Adam.adam(ps, 1e-3)));
        assertClose(adam(0.01, 0.8, 0.99, 1e-6, 0.1, false), stepAll(ps -> new Adam(ps, 0.01, 0.8, 0.99, 1e-6, 0.1, false)));
        assertClose(adam(0.01, 0.9, 0.999, 1e-8, 0.01, true), stepAll(ps -> Adam.adamW(ps, 0.01)));
        assertClose(adam(0.1, 0.5, 0.9, 1e-3, 0.5, true), stepAll(ps -> new Adam(ps, 0.1, 0.5, 0.9, 1e-3, 0.5, true)));
        // Adam's first step moves each weight by lr*sign(grad) (up to eps): the bias corrections cancel.
        Parameter p = param();
        setGrad(p, GRADS[0]);
        Adam.adam(List.of(p), 0.01).step();
        assertEquals(0.49f, p.value().data()[0], 1e-6f);
        assertEquals(-1.24f, p.value().data()[1], 1e-6f);
    }

    @Test
    void schedulesFollowStepLrAndCosineAnnealing() {
        LrSchedule step = LrSchedule.step(3, 0.1);
        assertEquals(1.0, step.lr(1.0, 2), 1e-12);
        assertEquals(0.1, step.lr(1.0, 3), 1e-12);
        assertEquals(0.01, step.lr(1.0, 6), 1e-12);
        LrSchedule cos = LrSchedule.cosine(10, 0.001);
        assertEquals(0.1, cos.lr(0.1, 0), 1e-12);
        assertEquals(0.001 + 0.099 * 0.5, cos.lr(0.1, 5), 1e-12);
        assertEquals(0.001, cos.lr(0.1, 10), 1e-12);
        assertEquals(0.001 + 0.099 * (1 + Math.cos(Math.PI * 0.3)) / 2, cos.lr(0.1, 3), 1e-12);
    }

    @Test
    void badHyperParametersAreRejected() {
        List<Parameter> ps = List.of(param());
        assertThrows(IllegalArgumentException.class, () -> new Sgd(ps, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(ps, 0.1, 0, 0, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(ps, 0.1, 0.9, 0.1, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new Adam(ps, 0.1, 1.0, 0.999, 1e-8, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new Adam(ps, 0.1, 0.9, 0.999, -1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(), 0.1));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.step(0, 0.1));
    }
}
