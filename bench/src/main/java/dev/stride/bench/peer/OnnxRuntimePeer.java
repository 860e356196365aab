package dev.stride.bench.peer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stride.core.Tensor;
import dev.stride.nn.onnx.OnnxSingleOp;
import org.openjdk.jmh.infra.BenchmarkParams;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * ONNX Runtime (Java API, CPU provider) as a benchmark peer: one session over a model built in code,
 * its input tensor created once outside the measured region, intra-op threads set to the benchmark's
 * thread count. {@link #run()} is the measured call: one {@code session.run}, its outputs released.
 *
 * <p>Implementations named in benchmarks: {@code onnxruntime} (optimisation level ALL, ONNX Runtime's
 * default, which rewrites Conv into its NCHWc layout) and {@code onnxruntime-extended} (EXTENDED:
 * im2col/SGEMM). If the native library cannot load on a machine, {@link #create} throws and the
 * benchmark reports no row for it; the report says so.
 */
public final class OnnxRuntimePeer implements AutoCloseable {
    private final OrtSession session;
    private final OnnxTensor input;
    private final Map<String, OnnxTensor> feed;

    private OnnxRuntimePeer(OrtSession session, OnnxTensor input) {
        this.session = session;
        this.input = input;
        this.feed = Map.of(OnnxSingleOp.INPUT, input);
    }

    /** True for the implementation names that mean ONNX Runtime. */
    public static boolean isPeer(String impl) {
        return impl.equals("onnxruntime") || impl.equals("onnxruntime-extended");
    }

    /**
     * Rejects an ONNX Runtime run of any benchmark method other than {@code supported} (ONNX Runtime runs
     * inference here, not gradients or training steps), naming what was asked.
     */
    public static void requireInference(BenchmarkParams bench, String... supported) {
        String b = bench.getBenchmark();
        String method = b.substring(b.lastIndexOf('.') + 1);
        for (String s : supported) if (s.equals(method)) return;
        throw new IllegalArgumentException("impl onnxruntime has no " + method + " (ONNX Runtime is measured on "
                + String.join(", ", supported) + " only)");
    }

    /** A session for {@code model} with its input {@code x}; {@code impl} picks the optimisation level. */
    public static OnnxRuntimePeer create(String impl, byte[] model, Tensor x, int threads) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setOptimizationLevel(switch (impl) {
                case "onnxruntime" -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
                case "onnxruntime-extended" -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                default -> throw new IllegalArgumentException("impl '" + impl + "' is not onnxruntime or onnxruntime-extended");
            });
            OrtSession session = env.createSession(model, o);
            FloatBuffer buf = ByteBuffer.allocateDirect(4 * x.size()).order(ByteOrder.nativeOrder()).asFloatBuffer();
            buf.put(x.data()).flip();
            long[] shape = new long[x.rank()];
            for (int i = 0; i < shape.length; i++) shape[i] = x.dim(i);
            return new OnnxRuntimePeer(session, OnnxTensor.createTensor(env, buf, shape));
        }
    }

    /**
     * One inference. The output stays in native memory (copying it into a Java array would add a cost
     * Stride's side does not pay); the native call cannot be removed by the JIT.
     */
    public int run() throws OrtException {
        try (OrtSession.Result r = session.run(feed)) {
            return r.size();
        }
    }

    @Override public void close() throws OrtException {
        input.close();
        session.close();
    }
}
