package dev.stride.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stride.core.Activation.Kind;
import org.junit.jupiter.api.Test;

/** Activation: PyTorch's default constants, parsing of the functional names, validation. */
class ActivationTest {

    @Test
    void factoriesCarryPyTorchDefaults() {
        assertEquals(new Activation(Kind.LEAKY_RELU, 0.01f, 0f, 0f), Activation.leakyRelu());
        assertEquals(0.2f, Activation.leakyRelu(0.2f).alpha());
        assertEquals(1f, Activation.elu().alpha());
        assertEquals(0.5f, Activation.elu(0.5f).alpha());
        assertEquals(1f, Activation.softplus().beta());
        assertEquals(20f, Activation.softplus().threshold());
        assertEquals(new Activation(Kind.SOFTPLUS, 0f, 2f, 5f), Activation.softplus(2f, 5f));
        assertEquals(Kind.RELU, Activation.relu().kind());
        assertEquals(Kind.SIGMOID, Activation.sigmoid().kind());
        assertEquals(Kind.TANH, Activation.tanh().kind());
        assertEquals(Kind.GELU, Activation.gelu().kind());
        assertEquals(Kind.GELU_TANH, Activation.geluTanh().kind());
        assertEquals(Kind.SILU, Activation.silu().kind());
    }

    @Test
    void parsesEveryFunctionalName() {
        String[] names = {"relu", "leaky_relu", "elu", "sigmoid", "tanh", "gelu", "gelu_tanh", "silu", "softplus"};
        for (String name : names) {
            Kind kind = Kind.valueOf(name.toUpperCase());
            assertEquals(kind, Activation.parse(name).kind(), name);
            assertEquals(kind, Activation.parse(name.toUpperCase()).kind(), name);
        }
        assertEquals(Activation.leakyRelu(), Activation.parse("leaky_relu"));
        assertEquals(Activation.softplus(), Activation.parse("softplus"));
        assertEquals(names.length, Kind.values().length, "every kind has a name");
    }

    @Test
    void invalidValuesNameTheProblem() {
        var e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
        assertTrue(e.getMessage().contains("'swish'") && e.getMessage().contains("gelu_tanh"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Activation(null, 0f, 0f, 0f));
        assertTrue(e.getMessage().contains("kind"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(Float.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Activation.softplus(1f, Float.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Activation.softplus(0f, 20f));
        assertTrue(e.getMessage().contains("softplus beta 0.0"), e.getMessage());
        // Only softplus divides by beta; the other kinds ignore it.
        assertEquals(0f, Activation.relu().beta());
    }
}
