package dev.stride.nn.onnx;

import static org.junit.jupiter.api.Assertions.*;

import dev.stride.core.Conv2dParams;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The ONNX writer's wire format (checked by a small protobuf decoder written here from the spec) and
 * graph rules; the models' meaning is checked against ONNX Runtime by the tests module's Onnx*Test.
 */
class OnnxWriterTest {
    /** Decodes one message into field number -> raw values (Long for varint/fixed32, byte[] for length-delimited). */
    static Map<Integer, List<Object>> decode(byte[] b) {
        Map<Integer, List<Object>> m = new TreeMap<>();
        int[] pos = {0};
        while (pos[0] < b.length) {
            long tag = varint(b, pos);
            int field = (int) (tag >>> 3), wire = (int) (tag & 7);
            Object v = switch (wire) {
                case 0 -> varint(b, pos);
                case 5 -> {
                    long bits = (b[pos[0]] & 0xffL) | (b[pos[0] + 1] & 0xffL) << 8 | (b[pos[0] + 2] & 0xffL) << 16 | (b[pos[0] + 3] & 0xffL) << 24;
                    pos[0] += 4;
                    yield bits;
                }
                case 2 -> {
                    int len = (int) varint(b, pos);
                    byte[] body = java.util.Arrays.copyOfRange(b, pos[0], pos[0] + len);
                    pos[0] += len;
                    yield body;
                }
                default -> throw new AssertionError("unexpected wire type " + wire);
            };
            m.computeIfAbsent(field, k -> new ArrayList<>()).add(v);
        }
        return m;
    }

    static long varint(byte[] b, int[] pos) {
        long r = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b[pos[0]++];
            r |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) return r;
        }
    }

    private static String str(Object o) { return new String((byte[]) o, StandardCharsets.UTF_8); }

    @Test
    void varintsAndFieldsFollowTheWireFormat() {
        assertArrayEquals(new byte[] {0x08, (byte) 0xAC, 0x02}, new ProtoWriter().varint(1, 300).toByteArray());
        byte[] neg = new ProtoWriter().varint(1, -1).toByteArray();
        assertEquals(11, neg.length, "negative int64 is a 10-byte varint");
        assertEquals(-1L, decode(neg).get(1).get(0));
        assertArrayEquals(new byte[] {0x12, 0x02, 'h', 'i'}, new ProtoWriter().string(2, "hi").toByteArray());
        assertArrayEquals(new byte[] {0x15, 0, 0, (byte) 0x80, 0x3f}, new ProtoWriter().float32(2, 1f).toByteArray());
    }

    @Test
    void modelHoldsGraphOpsetAndAttributes() {
        Conv2dParams p = Conv2dParams.builder(2, 3, 3).stride(2).padding(1).groups(1).build();
        byte[] model = OnnxSingleOp.conv2d(new int[] {1, 2, 5, 5}, p, Tensor.uniform(1, -1, 1, p.weightShape()),
                Tensor.zeros(3));
        Map<Integer, List<Object>> m = decode(model);
        assertEquals(8L, m.get(1).get(0), "IR version for opset 17");
        assertEquals(17L, decode((byte[]) m.get(8).get(0)).get(2).get(0));
        Map<Integer, List<Object>> graph = decode((byte[]) m.get(7).get(0));
        assertEquals(1, graph.get(1).size(), "one node");
        Map<Integer, List<Object>> node = decode((byte[]) graph.get(1).get(0));
        assertEquals("Conv", str(node.get(4).get(0)));
        assertEquals(List.of("x", "y_weight", "y_bias"), node.get(1).stream().map(OnnxWriterTest::str).toList());
        Map<String, List<Object>> attrs = new TreeMap<>();
        for (Object a : node.get(5)) {
            Map<Integer, List<Object>> am = decode((byte[]) a);
            attrs.put(str(am.get(1).get(0)), am.containsKey(8) ? am.get(8) : am.get(3));
        }
        assertEquals(List.of(1L, 1L, 1L, 1L), attrs.get("pads"));
        assertEquals(List.of(2L, 2L), attrs.get("strides"));
        assertEquals(List.of(1L), attrs.get("group"));
        assertEquals(2, graph.get(5).size(), "weight and bias initializers");
        Map<Integer, List<Object>> w = decode((byte[]) graph.get(5).get(0));
        assertEquals(List.of(3L, 2L, 3L, 3L), w.get(1));
        assertEquals(1L, w.get(2).get(0), "FLOAT");
        assertEquals(3 * 2 * 3 * 3 * 4, ((byte[]) w.get(9).get(0)).length);
    }

    @Test
    void pytorchOnlyFeaturesRaiseTheOpsetOrChangeTheGraph() {
        byte[] circular = OnnxSingleOp.pad(new int[] {1, 1, 3, 3}, dev.stride.core.Pad2dParams.of(1, 1, 1, 1,
                dev.stride.core.PadMode.CIRCULAR));
        assertEquals(19L, decode((byte[]) decode(circular).get(8).get(0)).get(2).get(0), "wrap needs opset 19");
        byte[] pool = OnnxSingleOp.maxPool2d(new int[] {1, 1, 5, 5}, new MaxPool2dParams(2, 2, 2, 2, 1, 1, 1, 1, true), true);
        Map<Integer, List<Object>> g = decode((byte[]) decode(pool).get(7).get(0));
        assertEquals(2, g.get(12).size(), "outputs y and indices");
    }

    @Test
    void graphRejectsUndefinedAndDuplicateValues() {
        OnnxGraph g = new OnnxGraph("t").input(OnnxValueInfo.floats("x", 1, 2));
        assertThrows(IllegalArgumentException.class, () -> g.node("Relu", List.of("nope"), List.of("y")));
        g.node("Relu", List.of("x"), List.of("y"));
        assertThrows(IllegalArgumentException.class, () -> g.node("Relu", List.of("x"), List.of("y")));
        g.output(OnnxValueInfo.floats("z", 1, 2));
        assertThrows(IllegalArgumentException.class, g::toModelBytes);
    }
}
