package dev.stride.nn.onnx;

import dev.stride.core.Check;
import java.util.List;

/**
 * One operator of a graph ({@code NodeProto}) in the default ONNX domain. An empty input name marks an
 * optional input as absent, as the ONNX spec does.
 */
public record OnnxNode(String opType, String name, List<String> inputs, List<String> outputs, List<OnnxAttribute> attributes) {
    public OnnxNode {
        Check.notNull("opType", opType);
        Check.notNull("name", name);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
    }

    ProtoWriter encode() {
        // NodeProto: input=1, output=2, name=3, op_type=4, attribute=5
        ProtoWriter w = new ProtoWriter();
        for (String i : inputs) w.string(1, i);
        for (String o : outputs) w.string(2, o);
        w.string(3, name).string(4, opType);
        for (OnnxAttribute a : attributes) w.message(5, a.encode());
        return w;
    }
}
