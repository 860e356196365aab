package dev.stride.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * {@link PoolTasks}: every task runs exactly once and its writes are visible to the caller when the call
 * returns, on 1 to 4 threads; a task's exception reaches the caller.
 */
class PoolTasksTest {
    @Test
    void everyTaskRunsOnceAndItsWritesAreVisible() {
        for (int threads = 1; threads <= 4; threads++) {
            for (int tasks : new int[] {0, 1, 2, 3, 64, 1000}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(tasks, 1));
                int[] plain = new int[Math.max(tasks, 1)];
                for (int rep = 0; rep < 20; rep++) {
                    int r = rep;
                    PoolTasks.forEach(threads, tasks, i -> {
                        runs.incrementAndGet(i);
                        plain[i] = r + 1; // a plain write, published by the call's completion
                    });
                    for (int i = 0; i < tasks; i++) {
                        assertEquals(rep + 1, runs.get(i), "task " + i + " of " + tasks + " on " + threads + " threads");
                        assertEquals(rep + 1, plain[i], "write of task " + i + " not visible on " + threads + " threads");
                    }
                }
            }
        }
    }

    @Test
    void aTaskExceptionReachesTheCaller() {
        IllegalStateException boom = new IllegalStateException("boom");
        for (int t = 1; t <= 3; t++) {
            int threads = t;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> PoolTasks.forEach(threads, 50, i -> {
                if (i == 37) throw boom;
            }));
            assertSame(boom, e);
        }
    }
}
