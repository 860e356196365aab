package dev.stride.core;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelForTest {
    @Test
    void everyTaskRunsOnceOnEveryEngine() {
        for (Ops ops : new Ops[] {Stride.reference(), Stride.vector(1), Stride.vector(2), Stride.vector(3)}) {
            for (int tasks : new int[] {0, 1, 2, 7, 100}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(tasks, 1));
                ops.parallelFor(tasks, runs::incrementAndGet);
                for (int i = 0; i < tasks; i++) assertEquals(1, runs.get(i), ops.name() + " x" + ops.threads() + " task " + i);
            }
        }
        assertEquals(1, Stride.reference().threads());
        assertEquals(2, Stride.vector(2).threads());
    }

    @Test
    void aTaskExceptionReachesTheCallerAndBadArgumentsAreNamed() {
        for (Ops ops : new Ops[] {Stride.reference(), Stride.vector(2)}) {
            assertThrows(IllegalStateException.class, () -> ops.parallelFor(4, t -> {
                if (t == 3) throw new IllegalStateException("task 3");
            }));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ops.parallelFor(-1, t -> {}));
            assertTrue(e.getMessage().contains("tasks"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> ops.parallelFor(1, null));
            assertTrue(e.getMessage().contains("body"), e.getMessage());
        }
    }
}
