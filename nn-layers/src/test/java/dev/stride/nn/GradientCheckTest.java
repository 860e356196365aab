package dev.stride.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.stride.core.Activation;
import dev.stride.core.AvgPool2dParams;
import dev.stride.core.Conv2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.nn.loss.CrossEntropyLoss;
import dev.stride.nn.loss.MSELoss;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Whole-network gradients (every parameter and the input) against central finite differences of the loss,
 * on tiny nets computed by the reference ops. The forward runs in float32, so the differences carry
 * float rounding: step 1e-3 on smooth activations, tolerance 2e-3 absolute plus 2% relative.
 */
class GradientCheckTest {
    private static final Ops REF = Stride.reference();
    private static final float STEP = 1e-3f;

    private static Sequential convNet(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(REF,
                new Conv2d(Conv2dParams.builder(2, 4, 3).padding(1).build(), rng),
                new BatchNorm2d(4),
                ActivationLayer.tanh(),
                new MaxPool2d(2),
                new Conv2d(Conv2dParams.builder(4, 4, 2).groups(2).build(), rng),
                new ActivationLayer(Activation.sigmoid()),
                new AvgPool2d(AvgPool2dParams.of(2, 1, 0)),
                new Flatten(),
                new Linear(4, 5, rng));
    }

    @Test
    void convNetWithCrossEntropyMatchesFiniteDifferences() {
        Sequential net = convNet(7);
        Tensor x = Tensor.uniform(11, -1, 1, 3, 2, 6, 6);
        int[] y = {4, 0, 2};
        CrossEntropyLoss ce = new CrossEntropyLoss();
        check(net, x, () -> ce.forward(REF, net.forward(x), y), () -> ce.backward(REF));
    }

    @Test
    void mlpWithSoftmaxAndMseMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        Sequential net = new Sequential(REF, new Linear(6, 5, rng), ActivationLayer.tanh(), new Linear(5, 4, false, rng),
                new Softmax(1));
        Tensor x = Tensor.uniform(5, -2, 2, 3, 6);
        Tensor target = Tensor.uniform(6, 0, 1, 3, 4);
        MSELoss mse = new MSELoss();
        check(net, x, () -> mse.forward(net.forward(x), target), mse::backward);
    }

    @Test
    void logSoftmaxOutputFeedsAnNllStyleLoss() {
        SplittableRandom rng = new SplittableRandom(4);
        Sequential net = new Sequential(REF, new Linear(3, 4, rng), new LogSoftmax(-1));
        Tensor x = Tensor.uniform(8, -1, 1, 2, 3);
        Tensor w = Tensor.uniform(9, -1, 1, 2, 4); // loss = sum(w * log_softmax(...)): exercises the whole Jacobian
        check(net, x, () -> {
            float[] o = net.forward(x).data();
            double s = 0;
            for (int i = 0; i < o.length; i++) s += (double) o[i] * w.data()[i];
            return (float) s;
        }, () -> w.copy());
    }

    @Test
    void transposedConvAdaptivePoolAndOneDimensionalLayersMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(12);
        Sequential net = new Sequential(REF,
                new ConvTranspose2d(new dev.stride.core.ConvTranspose2dParams(2, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, true), rng),
                new AdaptiveAvgPool2d(2, 5),
                new Flatten(1, 2),                                           // [N, 6, 5]
                new Conv1d(dev.stride.core.Conv1dParams.of(6, 4, 2), rng),  // [N, 4, 4]
                ActivationLayer.tanh(),
                new MaxPool1d(dev.stride.core.MaxPool1dParams.of(2)),       // [N, 4, 2]
                new AvgPool1d(dev.stride.core.AvgPool1dParams.of(2)),       // [N, 4, 1]
                new Flatten(),
                new Linear(4, 3, rng));
        Tensor x = Tensor.uniform(13, -1, 1, 2, 2, 3, 3);
        int[] y = {1, 2};
        CrossEntropyLoss ce = new CrossEntropyLoss();
        check(net, x, () -> ce.forward(REF, net.forward(x), y), () -> ce.backward(REF));
    }

    interface LossFn { float eval(); }

    interface GradFn { Tensor grad(); }

    private static void check(Sequential net, Tensor x, LossFn loss, GradFn dLoss) {
        net.zeroGrad();
        loss.eval();
        Tensor gx = net.backward(dLoss.grad());
        Map<String, Parameter> params = net.namedParameters();
        assertFalse(params.isEmpty());
        for (var e : params.entrySet()) {
            float[] w = e.getValue().value().data(), g = e.getValue().grad().data();
            for (int i = 0; i < w.length; i++) compare(e.getKey() + "[" + i + "]", g[i], w, i, loss);
        }
        float[] xd = x.data(), gxd = gx.data();
        for (int i = 0; i < xd.length; i += 3) compare("input[" + i + "]", gxd[i], xd, i, loss);
    }

    private static void compare(String what, float analytic, float[] values, int i, LossFn loss) {
        float old = values[i];
        values[i] = old + STEP;
        double up = loss.eval();
        values[i] = old - STEP;
        double down = loss.eval();
        values[i] = old;
        double numeric = (up - down) / (2.0 * STEP);
        assertEquals(numeric, analytic, 2e-3 + 2e-2 * Math.abs(numeric), what + ": analytic " + analytic + " vs numeric " + numeric);
    }
}
