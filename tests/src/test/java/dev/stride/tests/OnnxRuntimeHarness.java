package dev.stride.tests;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.stride.core.Tensor;
import dev.stride.nn.onnx.OnnxSingleOp;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Runs an ONNX model (from {@link dev.stride.nn.onnx}) on ONNX Runtime's CPU provider with one thread, so
 * the differential tests compare Stride with a real engine.
 */
final class OnnxRuntimeHarness {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private OnnxRuntimeHarness() {}

    /** Outputs of a run: {@code y} as a tensor and, when the model has it, {@code indices}. */
    record Outputs(Tensor y, long[] indices) {}

    static Outputs run(byte[] model, Tensor x) {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            // ONNX's shape inference sizes ceil-mode pools without PyTorch's last-window rule, which ONNX
            // Runtime's kernels do apply: it warns on every such run. The tests compare the shapes themselves.
            o.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            try (OrtSession s = ENV.createSession(model, o);
                 OnnxTensor in = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(x.data()), longs(x.shape()));
                 OrtSession.Result r = s.run(Map.of(OnnxSingleOp.INPUT, in))) {
                OnnxTensor y = (OnnxTensor) r.get(OnnxSingleOp.OUTPUT).orElseThrow();
                FloatBuffer fb = y.getFloatBuffer();
                float[] data = new float[fb.remaining()];
                fb.get(data);
                Tensor yt = Tensor.wrap(data, ints(y.getInfo().getShape()));
                long[] idx = null;
                java.util.Optional<OnnxValue> iv = r.get(OnnxSingleOp.INDICES);
                if (iv.isPresent()) {
                    java.nio.LongBuffer lb = ((OnnxTensor) iv.get()).getLongBuffer();
                    idx = new long[lb.remaining()];
                    lb.get(idx);
                }
                return new Outputs(yt, idx);
            }
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime rejected the model or input: " + e.getMessage(), e);
        }
    }

    static long[] longs(int[] s) {
        long[] l = new long[s.length];
        for (int i = 0; i < s.length; i++) l[i] = s[i];
        return l;
    }

    static int[] ints(long[] s) {
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) r[i] = Math.toIntExact(s[i]);
        return r;
    }
}
