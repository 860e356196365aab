package dev.stride.core.internal;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.IntConsumer;

/**
 * The library's one thread pool, sized by {@code stride.threads} (default: available processors).
 *
 * <p>Work is given as {@code tasks} independent task indices; each index is run exactly once, by one
 * thread, and must write outputs no other index writes. So results do not depend on the thread count.
 */
public final class Parallel {
    private Parallel() {}

    private static final class Holder {
        static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, defaultThreads()), pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("stride-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /** {@code stride.threads} if set (must be >= 1), else the available processors. */
    public static int defaultThreads() {
        String s = System.getProperty("stride.threads");
        if (s == null || s.isBlank()) return Runtime.getRuntime().availableProcessors();
        try {
            int t = Integer.parseInt(s.trim());
            if (t >= 1) return t;
        } catch (NumberFormatException ignored) {
            // fall through to the error
        }
        throw new IllegalArgumentException("stride.threads '" + s + "' must be a positive integer");
    }

    /**
     * Starts {@code task} on the library's pool without waiting for it (for callers that track completion
     * themselves, like {@link PoolTasks}); false if the calling thread is one of the pool's own threads,
     * which then must do the work itself.
     */
    static boolean startAsync(Runnable task) {
        if (Thread.currentThread() instanceof ForkJoinWorkerThread) return false;
        Holder.POOL.execute(task);
        return true;
    }

    /**
     * Runs {@code body.accept(i)} for every {@code i} in {@code [0, tasks)}, over at most {@code threads}
     * threads (contiguous chunks; the caller runs the first). Exceptions propagate to the caller.
     */
    public static void forEach(int threads, int tasks, IntConsumer body) {
        if (tasks <= 0) return;
        int t = Math.min(threads, tasks);
        if (t <= 1 || Thread.currentThread() instanceof ForkJoinWorkerThread) {
            for (int i = 0; i < tasks; i++) body.accept(i);
            return;
        }
        ForkJoinTask<?>[] futures = new ForkJoinTask<?>[t - 1];
        for (int c = 1; c < t; c++) {
            int lo = (int) ((long) tasks * c / t), hi = (int) ((long) tasks * (c + 1) / t);
            futures[c - 1] = Holder.POOL.submit(() -> {
                for (int i = lo; i < hi; i++) body.accept(i);
            });
        }
        int hi0 = tasks / t;
        RuntimeException first = null;
        try {
            for (int i = 0; i < hi0; i++) body.accept(i);
        } catch (RuntimeException e) {
            first = e;
        }
        for (ForkJoinTask<?> f : futures) {
            try {
                f.join();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }
}
