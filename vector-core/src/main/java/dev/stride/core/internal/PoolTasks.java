package dev.stride.core.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs the pooling kernels' independent plane tasks on the calling thread and up to {@code threads - 1}
 * pool threads ({@link Parallel#startAsync}) by claiming: every thread takes the next unclaimed task until
 * none is left, and the caller returns as soon as every task has finished, without waiting for helpers
 * that never got to start. A pooling pass takes some 50 microseconds, about what waking a parked thread
 * can take on a busy machine; with a fixed split the caller waited for that wake-up and two threads were
 * measured slower than one. Here a late helper finds the work done and leaves.
 *
 * <p>Which thread runs a task does not change what it writes (each task writes only its own planes, with
 * the same code), so results are bitwise the same for any thread count and any interleaving. An exception
 * in any task is rethrown to the caller once every claimed task has finished.
 */
final class PoolTasks {
    private PoolTasks() {}

    /**
     * Spins (a few microseconds) before the caller parks while a helper finishes its last task; parking,
     * not yielding, leaves the core to that helper on a busy machine.
     */
    private static final int SPINS = 256;

    static void forEach(int threads, int tasks, IntConsumer body) {
        if (threads <= 1 || tasks <= 1) {
            for (int i = 0; i < tasks; i++) body.accept(i);
            return;
        }
        Claims claims = new Claims(tasks, body, Thread.currentThread());
        for (int t = 1; t < Math.min(threads, tasks); t++) {
            if (!Parallel.startAsync(claims::run)) break;
        }
        claims.run();
        for (int spin = 0; claims.finished.get() < tasks; spin++) {
            if (spin < SPINS) Thread.onSpinWait();
            else LockSupport.park(claims); // the helper finishing the last task unparks the caller
        }
        Throwable e = claims.failure;
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error err) throw err;
    }

    private static final class Claims {
        final int tasks;
        final IntConsumer body;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        /** Tasks done (or failed); its increments publish the tasks' writes to the caller. */
        final AtomicInteger finished = new AtomicInteger();
        volatile Throwable failure;

        Claims(int tasks, IntConsumer body, Thread caller) {
            this.tasks = tasks;
            this.body = body;
            this.caller = caller;
        }

        void run() {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                try {
                    if (failure == null) body.accept(i);
                } catch (RuntimeException | Error e) {
                    if (failure == null) failure = e;
                } finally {
                    if (finished.incrementAndGet() == tasks && Thread.currentThread() != caller) LockSupport.unpark(caller);
                }
            }
        }
    }
}
