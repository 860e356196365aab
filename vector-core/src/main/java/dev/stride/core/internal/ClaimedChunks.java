package dev.stride.core.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs {@code chunks} fixed pieces of work over up to {@code threads} threads that claim the next
 * unclaimed chunk from a shared counter until none is left. What a chunk computes does not depend on who
 * runs it, so results are bitwise the same on any number of threads; unlike a static split, a thread that
 * starts late (a pool thread waking up, a core busy with another process) just claims fewer chunks
 * instead of leaving the caller waiting for its fixed share.
 */
final class ClaimedChunks {
    private ClaimedChunks() {}

    static void run(int threads, int chunks, IntConsumer chunk) {
        int t = Math.min(threads, chunks);
        if (t <= 1) {
            for (int c = 0; c < chunks; c++) chunk.accept(c);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Parallel.forEach(t, t, worker -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) chunk.accept(c);
        });
    }
}
