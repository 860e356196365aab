package dev.stride.nn.io;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesNestedValues() {
        Object v = Json.parse(" {\"a\": [1, -2.5e1, true, null, \"x\\n\\u0041\"], \"b\": {}} ");
        Map<?, ?> m = (Map<?, ?>) v;
        List<?> a = (List<?>) m.get("a");
        assertEquals(1L, a.get(0));
        assertEquals(-25.0, a.get(1));
        assertEquals(Boolean.TRUE, a.get(2));
        assertNull(a.get(3));
        assertEquals("x\nA", a.get(4));
        assertTrue(((Map<?, ?>) m.get("b")).isEmpty());
    }

    @Test
    void roundTripsWhatItWrites() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shape", List.of(1L, 3L, 224L));
        m.put("name", "conv \"1\"\t");
        m.put("tol", 1.5e-6);
        m.put("nested", Map.of("k", List.of(Map.of("z", false))));
        assertEquals(m, Json.parse(Json.write(m)));
        assertEquals(m, Json.parse(Json.writePretty(m)));
    }

    @Test
    void rejectsMalformedTextWithOffset() {
        for (String bad : new String[] {"", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "01x", "{\"a\":1,\"a\":2}", "1 2", "-", "[1.]"}) {
            Json.JsonException e = assertThrows(Json.JsonException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().contains("offset"), e.getMessage());
        }
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "[".repeat(100_000);
        assertThrows(Json.JsonException.class, () -> Json.parse(deep));
    }
}
