package dev.stride.nn.onnx;

import dev.stride.core.Check;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds an ONNX graph (inputs, initializers, nodes in topological order, outputs) and writes it as a
 * {@code ModelProto}: the bytes of a {@code .onnx} file that ONNX Runtime loads. Nodes are usually added
 * by {@link OnnxLayers}, which maps Stride's parameter records to ONNX attributes; a whole network is
 * the same graph with more nodes.
 *
 * <p>The model's opset is {@link #DEFAULT_OPSET} or the highest a node asked for
 * ({@link #requireOpset}); the IR version follows the opset.
 *
 * <p>Errors: a node that reads a value nothing defines, a value defined twice, or an output nothing
 * produces is an {@link IllegalArgumentException} naming the value.
 */
public final class OnnxGraph {
    /** The opset used unless a node needs a newer one. */
    public static final int DEFAULT_OPSET = 17;

    private final String name;
    private final List<OnnxValueInfo> inputs = new ArrayList<>();
    private final List<OnnxValueInfo> outputs = new ArrayList<>();
    private final List<OnnxInitializer> initializers = new ArrayList<>();
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final Set<String> defined = new HashSet<>();
    private int opset = DEFAULT_OPSET;
    private int nameCounter;

    public OnnxGraph(String name) { this.name = Check.notNull("name", name); }

    /** Declares a graph input. */
    public OnnxGraph input(OnnxValueInfo v) {
        define(v.name());
        inputs.add(v);
        return this;
    }

    /** Declares a graph output; some node (or input) must define it before {@link #toModelBytes()}. */
    public OnnxGraph output(OnnxValueInfo v) {
        outputs.add(v);
        return this;
    }

    /** Adds a constant tensor. */
    public OnnxGraph initializer(OnnxInitializer i) {
        define(i.name());
        initializers.add(i);
        return this;
    }

    /** Appends a node; its inputs must already be defined (or be "" for an absent optional input). */
    public OnnxGraph node(String opType, List<String> nodeInputs, List<String> nodeOutputs, OnnxAttribute... attributes) {
        for (String in : nodeInputs) {
            if (!in.isEmpty() && !defined.contains(in)) {
                throw new IllegalArgumentException("node " + opType + " reads value '" + in + "', which nothing defines yet");
            }
        }
        for (String out : nodeOutputs) define(out);
        nodes.add(new OnnxNode(opType, opType + "_" + nodes.size(), nodeInputs, nodeOutputs, Arrays.asList(attributes)));
        return this;
    }

    /** A value name not used yet, starting with {@code prefix}. */
    public String freshName(String prefix) {
        String n;
        do {
            n = prefix + "_" + (nameCounter++);
        } while (defined.contains(n));
        return n;
    }

    /** Raises the model's opset to at least {@code version}. */
    public OnnxGraph requireOpset(int version) {
        opset = Math.max(opset, version);
        return this;
    }

    public int opset() { return opset; }

    public List<OnnxNode> nodes() { return List.copyOf(nodes); }

    /** The IR version that goes with the opset (ONNX's versioning table). */
    public static int irVersionFor(int opset) {
        if (opset <= 18) return 8;
        if (opset <= 20) return 9;
        return 10;
    }

    /** The {@code ModelProto} bytes. */
    public byte[] toModelBytes() {
        for (OnnxValueInfo o : outputs) {
            if (!defined.contains(o.name())) throw new IllegalArgumentException("graph output '" + o.name() + "' is never produced");
        }
        // GraphProto: node=1, name=2, initializer=5, input=11, output=12
        ProtoWriter g = new ProtoWriter();
        for (OnnxNode n : nodes) g.message(1, n.encode());
        g.string(2, name);
        for (OnnxInitializer i : initializers) g.message(5, i.encode());
        for (OnnxValueInfo i : inputs) g.message(11, i.encode());
        for (OnnxValueInfo o : outputs) g.message(12, o.encode());
        // ModelProto: ir_version=1, producer_name=2, producer_version=3, graph=7, opset_import=8 {domain=1, version=2}
        return new ProtoWriter()
                .varint(1, irVersionFor(opset))
                .string(2, "stride")
                .string(3, "0.1")
                .message(7, g)
                .message(8, new ProtoWriter().string(1, "").varint(2, opset))
                .toByteArray();
    }

    /** Writes the model to a {@code .onnx} file. */
    public void writeModel(Path file) throws IOException { java.nio.file.Files.write(file, toModelBytes()); }

    private void define(String value) {
        Check.that(!value.isEmpty(), "value names must not be empty");
        if (!defined.add(value)) throw new IllegalArgumentException("value '" + value + "' is defined twice");
    }
}
