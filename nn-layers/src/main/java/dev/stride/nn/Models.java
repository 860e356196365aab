package dev.stride.nn;

import dev.stride.core.Conv2dParams;
import dev.stride.core.Ops;
import java.util.SplittableRandom;

/** Ready-made networks. */
public final class Models {
    private Models() {}

    /**
     * LeNet-5 for {@code [N, 1, 28, 28]} digits, as usually trained on MNIST: conv 5x5 1->6 with padding 2
     * (so 28x28 inputs give LeCun's 28x28 C1 maps, as his 32x32 inputs did), ReLU, max pool 2; conv 5x5
     * 6->16, ReLU, max pool 2; flatten to 400; linear 120, ReLU; linear 84, ReLU; linear 10 (logits).
     * 61,706 parameters, initialised with PyTorch's defaults from {@code seed}. The model is built for
     * training on images, so {@link Sequential#backward} skips the input gradient and returns null (turn it
     * back on with {@link Sequential#inputGradient(boolean)}).
     */
    public static Sequential lenet5(Ops ops, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(ops,
                new Conv2d(Conv2dParams.builder(1, 6, 5).padding(2).build(), rng),
                ActivationLayer.relu(),
                new MaxPool2d(2),
                new Conv2d(Conv2dParams.builder(6, 16, 5).build(), rng),
                ActivationLayer.relu(),
                new MaxPool2d(2),
                new Flatten(),
                new Linear(400, 120, rng),
                ActivationLayer.relu(),
                new Linear(120, 84, rng),
                ActivationLayer.relu(),
                new Linear(84, 10, rng)).inputGradient(false);
    }
}
