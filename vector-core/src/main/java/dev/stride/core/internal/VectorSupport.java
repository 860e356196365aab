package dev.stride.core.internal;

import java.util.Optional;

/**
 * Which vector width the kernels use, decided once per JVM: {@code stride.vector.bits} (0 = scalar,
 * 128, 256, 512), else the preferred width; 0 when {@code jdk.incubator.vector} is not in the boot
 * layer (then one log line says how to enable it). This class does not touch the Vector API itself,
 * so it is safe to load when the module is missing.
 */
public final class VectorSupport {
    private VectorSupport() {}

    private static final System.Logger LOG = System.getLogger("dev.stride");

    /** The width in bits the kernels use: 0 (scalar), 128, 256 or 512. */
    public static final int BITS = decide();

    /** True when the Vector API module is present in the boot layer. */
    public static boolean moduleAvailable() {
        Optional<Module> m = ModuleLayer.boot().findModule("jdk.incubator.vector");
        return m.isPresent();
    }

    private static int decide() {
        String req = System.getProperty("stride.vector.bits");
        Integer requested = null;
        if (req != null && !req.isBlank()) {
            try {
                requested = Integer.parseInt(req.trim());
            } catch (NumberFormatException e) {
                requested = -1;
            }
            if (requested != 0 && requested != 128 && requested != 256 && requested != 512) {
                throw new IllegalArgumentException("stride.vector.bits '" + req + "' must be one of 0, 128, 256, 512");
            }
        }
        if (!moduleAvailable()) {
            if (requested == null || requested != 0) {
                LOG.log(System.Logger.Level.INFO, "Stride: jdk.incubator.vector is not available; running the scalar "
                        + "kernels. Pass --add-modules jdk.incubator.vector to the JVM to enable the vectorized ones.");
            }
            return 0;
        }
        int preferred = PreferredWidth.bits();
        if (requested == null) return preferred;
        if (requested > preferred) {
            LOG.log(System.Logger.Level.INFO, "Stride: stride.vector.bits=" + requested + " exceeds this CPU's "
                    + preferred + "-bit vectors; using " + preferred);
            return preferred;
        }
        return requested;
    }

    /** Isolated so that the Vector API class loads only when the module is present. */
    private static final class PreferredWidth {
        static int bits() {
            return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
        }
    }
}
