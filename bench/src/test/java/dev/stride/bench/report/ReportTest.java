package dev.stride.bench.report;

import static org.junit.jupiter.api.Assertions.*;

import dev.stride.nn.io.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** The report generator on a JMH JSON recorded from a real {@code ./stride bench --smoke} run: no run needed. */
class ReportTest {
    private static final String RECORDED = "/jmh-smoke-run.json";

    private static String recorded() throws Exception {
        try (InputStream in = ReportTest.class.getResourceAsStream(RECORDED)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Each result's time in ms, computed here from the raw JSON independently of JmhJson. */
    private static double rawMs(Map<?, ?> row) {
        Map<?, ?> pm = (Map<?, ?>) row.get("primaryMetric");
        double score = ((Number) ((Map<?, ?>) pm.get("scorePercentiles")).get("50.0")).doubleValue();
        return switch ((String) pm.get("scoreUnit")) {
            case "ms/op" -> score;
            case "us/op" -> score / 1000;
            case "ns/op" -> score / 1e6;
            case "ops/ns" -> 1e-6 / score;
            case "ops/us" -> 1e-3 / score;
            case "ops/ms" -> 1 / score;
            case "ops/s" -> 1000 / score;
            default -> throw new AssertionError("unit " + pm.get("scoreUnit"));
        };
    }

    @Test
    void readsEveryResultInMilliseconds() throws Exception {
        String text = recorded();
        List<?> raw = (List<?>) Json.parse(text);
        List<BenchResult> rs = JmhJson.parse(text);
        assertEquals(raw.size(), rs.size());
        for (int i = 0; i < rs.size(); i++) {
            Map<?, ?> row = (Map<?, ?>) raw.get(i);
            assertTrue(((String) row.get("benchmark")).endsWith(rs.get(i).suite() + "." + rs.get(i).method()));
            assertEquals(rawMs(row), rs.get(i).medianMs(), 1e-12 * Math.max(1, rawMs(row)));
        }
    }

    @Test
    void tableHasARowPerResultWithRatiosFromTheTimes() throws Exception {
        List<BenchResult> rs = JmhJson.parse(recorded());
        Report report = Report.build(Machine.current(), rs, StandardWorkloads.create(), List.of("a note"));
        int cells = report.rows().stream().mapToInt(r -> r.cells().size()).sum();
        assertEquals(rs.size(), cells);
        for (Report.Row row : report.rows()) {
            Report.Cell ref = row.cells().stream().filter(c -> c.impl().equals("reference")).findFirst().orElse(null);
            for (Report.Cell c : row.cells()) {
                if (ref != null && !c.impl().equals("reference")) {
                    assertEquals(ref.medianMs() / c.medianMs(), c.speedupVsReference(), 1e-9);
                }
                if (!Double.isNaN(c.rate()) && c.rateUnit().equals("GFLOP/s") && row.suite().equals("ConvBench")) {
                    double flops = dev.stride.bench.ConvShapes.valueOf(row.caseKey().replaceAll(".*shape=(\\w+).*", "$1")).flops(1);
                    assertEquals(flops / (c.medianMs() * 1e6), c.rate(), 1e-9 * c.rate());
                }
            }
        }
        String md = ReportWriter.markdown(report);
        assertTrue(md.contains("> a note"));
        for (BenchResult r : rs) assertTrue(md.contains("| " + r.caseKey() + " | " + r.threads() + " | " + r.impl() + " |"), r.id());
        Map<?, ?> json = (Map<?, ?>) Json.parse(ReportWriter.json(report));
        assertEquals(rs.size(), ((List<?>) json.get("results")).size());
    }

    @Test
    void chartIsWellFormedSvgAndAPng() throws Exception {
        Report report = Report.build(Machine.current(), JmhJson.parse(recorded()), StandardWorkloads.create(), List.of());
        String svg = Chart.svg(report);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        long bars = doc.getElementsByTagName("rect").getLength();
        assertTrue(bars > JmhJson.parse(recorded()).size(), "one bar per result plus the background and legend");
        System.setProperty("java.awt.headless", "true");
        var png = new java.io.ByteArrayOutputStream();
        assertTrue(ImageIO.write(Chart.png(report), "png", png));
        assertNotNull(ImageIO.read(new ByteArrayInputStream(png.toByteArray())));
    }

    @Test
    void compareFindsOnlyWhatMovedBeyondTheErrorBars() throws Exception {
        List<BenchResult> run = JmhJson.parse(recorded());
        assertTrue(Compare.deltas(run, run).stream().noneMatch(Compare.Delta::moved));
        List<BenchResult> slower = new ArrayList<>();
        for (BenchResult r : run) {
            double factor = r.suite().equals("ConvBench") ? 2.0 : 1.0;
            slower.add(new BenchResult(r.suite(), r.method(), r.params(), r.medianMs() * factor, r.errorMs(), r.samples()));
        }
        for (Compare.Delta d : Compare.deltas(run, slower)) {
            assertEquals(d.id().startsWith("ConvBench"), d.moved(), d.id());
        }
        assertTrue(Compare.text(run, slower).contains("slower"));
    }

    @Test
    void malformedResultsNameTheFault() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JmhJson.parse("[{\"benchmark\": 3}]"));
        assertTrue(e.getMessage().contains("benchmark"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JmhJson.parse("{}"));
    }
}
