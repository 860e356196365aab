package dev.stride.bench.report;

import dev.stride.core.internal.VectorSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the report says about the machine it ran on. */
public record Machine(String cpu, int cores, int vectorBits, String jdk, String os) {
    public static Machine current() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            cpu = System.getProperty("os.arch");
        }
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), VectorSupport.BITS,
                System.getProperty("java.vm.vendor") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu);
        m.put("cores", cores);
        m.put("vectorBits", vectorBits);
        m.put("jdk", jdk);
        m.put("os", os);
        return m;
    }

    @SuppressWarnings("unchecked")
    public static Machine fromMap(Object o) {
        if (!(o instanceof Map<?, ?> m)) return null;
        Map<String, Object> s = (Map<String, Object>) m;
        return new Machine(String.valueOf(s.get("cpu")), ((Number) s.getOrDefault("cores", 0L)).intValue(),
                ((Number) s.getOrDefault("vectorBits", 0L)).intValue(), String.valueOf(s.get("jdk")),
                String.valueOf(s.get("os")));
    }
}
