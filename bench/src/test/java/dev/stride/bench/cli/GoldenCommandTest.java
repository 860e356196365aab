package dev.stride.bench.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.stride.core.Tensor;
import dev.stride.nn.io.Json;
import dev.stride.nn.io.NpyArray;
import dev.stride.nn.io.NpyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden suite round-trips: reading only manifest.json and the files it names, {@code ./stride eval}
 * with each engine reproduces every expected output within the case's tolerance; the suite is
 * deterministic and covers the edge cases the issue lists.
 */
class GoldenCommandTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> manifest(Path dir) throws Exception {
        return (Map<String, Object>) Json.parse(Files.readString(dir.resolve("manifest.json")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void evalReproducesEveryCaseWithBothEngines(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("golden");
        CliRun gen = CliRun.of("golden", dir.toString());
        assertEquals(0, gen.code(), gen.err());
        Map<String, Object> m = manifest(dir);
        assertEquals("stride-golden/1", m.get("format"));
        List<Object> cases = (List<Object>) m.get("cases");
        assertTrue(cases.size() >= 60, "cases: " + cases.size());
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        for (String engine : List.of("reference", "vector")) {
            for (Object o : cases) {
                Map<String, Object> c = (Map<String, Object>) o;
                String id = (String) c.get("id");
                Map<String, String> files = new LinkedHashMap<>();
                ((Map<String, Object>) c.get("inputs")).forEach((k, v) -> files.put(k, dir.resolve((String) v).toString()));
                Map<String, Object> outputs = (Map<String, Object>) c.get("outputs");
                for (String k : outputs.keySet()) files.put(k, out.resolve(engine + "_" + id + "_" + k + ".npy").toString());
                List<String> args = new ArrayList<>(List.of("eval"));
                args.addAll(GoldenFormat.evalArgs((String) c.get("op"), (Map<String, Object>) c.get("params"), files));
                args.addAll(List.of("--engine", engine));
                CliRun r = CliRun.of(args.toArray(String[]::new));
                assertEquals(0, r.code(), () -> id + ": " + r.err());
                Map<String, Object> tol = (Map<String, Object>) c.get("tolerance");
                float atol = ((Number) tol.get("atol")).floatValue(), rtol = ((Number) tol.get("rtol")).floatValue();
                for (Map.Entry<String, Object> e : outputs.entrySet()) {
                    NpyArray expected = NpyReader.read(dir.resolve((String) e.getValue()));
                    NpyArray actual = NpyReader.read(Path.of(files.get(e.getKey())));
                    String what = engine + " " + id + " " + e.getKey();
                    assertArrayEquals(expected.shape(), actual.shape(), what);
                    if (expected.floating()) {
                        Tensor a = actual.toTensor(), x = expected.toTensor();
                        assertTrue(a.allClose(x, atol, rtol), () -> what + ": max |diff| " + a.maxAbsDiff(x) + " > atol " + atol
                                + " + rtol " + rtol + "\n expected " + x + "\n actual   " + a);
                    } else {
                        assertArrayEquals(expected.longs(), actual.longs(), what);
                    }
                }
            }
        }
    }

    @Test
    void suiteIsDeterministicAndCoversTheListedEdgeCases(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        assertEquals(0, CliRun.of("golden", a.toString()).code());
        assertEquals(0, CliRun.of("golden", b.toString()).code());
        assertEquals(Files.readString(a.resolve("manifest.json")), Files.readString(b.resolve("manifest.json")));
        Set<String> names = new TreeSet<>();
        try (var s = Files.walk(a)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path rel = a.relativize(p);
                names.add(rel.toString());
                assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(b.resolve(rel)), rel.toString());
            }
        }
        String ids = String.join(" ", names);
        for (String needed : List.of("max_pool2d.ceil_window_in_right_padding", "avg_pool2d.ceil_count_include_pad_true",
                "avg_pool2d.ceil_count_include_pad_false", "conv2d.dilation_with_padding", "conv2d.asymmetric_padding",
                "conv2d.same_even_kernel", "conv2d.groups2", "conv2d.padding_mode_reflect", "conv2d.padding_mode_replicate",
                "conv2d.padding_mode_circular", "max_pool2d.nan_in_windows", "conv2d.input_1x1", "conv2d.kernel_wider_than_input",
                "conv2d.backward_groups_stride", "pad.circular")) {
            assertTrue(ids.contains("cases/" + needed + "/"), needed);
        }
    }

    @Test
    void refusesANonEmptyFolder(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("x"), "x");
        CliRun r = CliRun.of("golden", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not empty"), r.err());
    }
}
