package dev.stride.bench;

import dev.stride.bench.peer.OnnxRuntimePeer;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.nn.Models;
import dev.stride.nn.Sequential;
import dev.stride.nn.data.Dataset;
import dev.stride.nn.data.Mnist;
import dev.stride.nn.loss.CrossEntropyLoss;
import dev.stride.nn.onnx.OnnxExport;
import dev.stride.nn.optim.Sgd;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Shape L1 of the design: LeNet-5 ({@link Models#lenet5}) on 28x28 digits at batch 64. {@code forward} is
 * inference (evaluation mode); {@code trainStep} is zero-grad, forward, cross-entropy, backward and an SGD
 * step (lr 0.01, momentum 0.9). Scores are images per second (64 operations per invocation).
 * The batch is 64 real embedded MNIST digits. Warm-up is ten one-second iterations: the training
 * step's kernels reach C2 only after several seconds, and before that a step runs far slower.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainBench {
    static final int BATCH = 64;

    @Param({"vector", "reference"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private Sequential inference, training;
    private Sgd sgd;
    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private Tensor images;
    private int[] labels;
    private OnnxRuntimePeer peer;

    @Setup
    public void setup(BenchmarkParams bench) throws Exception {
        Dataset d = Mnist.embedded().slice(0, BATCH);
        images = d.images();
        labels = d.labels();
        if (OnnxRuntimePeer.isPeer(impl)) {
            // ONNX Runtime runs the same LeNet-5 (same seed, same weights) exported as one graph.
            OnnxRuntimePeer.requireInference(bench, "forward");
            Sequential net = Models.lenet5(Stride.reference(), 1).eval();
            peer = OnnxRuntimePeer.create(impl, OnnxExport.sequential(net, images.shape()), images, threads);
            return;
        }
        // The reference is single-threaded: its two thread counts measure the same thing.
        Ops ops = impl.equals("reference") ? Stride.reference() : Stride.vector(threads);
        inference = Models.lenet5(ops, 1).eval();
        training = Models.lenet5(ops, 1);
        sgd = new Sgd(training.parameters(), 0.01, 0.9, 0, 0, false);
    }

    @TearDown
    public void tearDown() throws Exception {
        if (peer != null) peer.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object forward() throws Exception {
        return peer != null ? peer.run() : inference.forward(images);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float trainStep() {
        sgd.zeroGrad();
        Tensor logits = training.forward(images);
        float l = loss.forward(training.ops(), logits, labels);
        training.backward(loss.backward(training.ops()));
        sgd.step();
        return l;
    }
}
