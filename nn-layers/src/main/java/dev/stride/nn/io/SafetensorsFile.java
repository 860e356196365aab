package dev.stride.nn.io;

import dev.stride.core.Tensor;
import java.util.Map;

/** The contents of a safetensors file: float32 tensors by name (file order) and the {@code __metadata__} strings. */
public record SafetensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {
    public SafetensorsFile {
        tensors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tensors));
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }
}
