package dev.stride.nn.optim;

import dev.stride.nn.Parameter;
import java.util.List;

/**
 * Updates parameters in place from their accumulated gradients, with PyTorch's formulas. State (momentum
 * buffers, moments) is per parameter, created at the first step. Single-threaded, element order fixed.
 */
public interface Optimizer {
    /** One update of every parameter. */
    void step();

    /** The parameters this optimizer updates. */
    List<Parameter> parameters();

    /** Sets every parameter's gradient to zero. */
    default void zeroGrad() { for (Parameter p : parameters()) p.zeroGrad(); }

    /** The current learning rate. */
    double learningRate();

    /** Changes the learning rate (schedules call this between epochs). */
    void setLearningRate(double lr);
}
