package io.logship.agent.batch;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Iterator;

/**
 * Which of one batcher's batches (numbered 1, 2, ... in the order they were opened) reached a final state, and the
 * callbacks waiting for every batch up to a number to get there ({@link Batcher#whenDurable}).
 *
 * <p>Thread-safe: batches finish on sender threads, in any order; callbacks are registered on the batcher's event
 * loop. Costs one synchronized call per batch, never per record; a callback runs on the thread that finished the
 * last batch it waited for, outside the lock.
 */
final class FinishedBatches {
    private final BitSet ahead = new BitSet();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Every batch up to this number reached a final state. */
    private long upTo;

    private record Waiter(long batch, Runnable callback) {}

    void finished(long batch) {
        ArrayDeque<Runnable> ready = new ArrayDeque<>();
        synchronized (this) {
            ahead.set((int) (batch - upTo - 1));
            int run = ahead.nextClearBit(0);
            if (run > 0) {
                upTo += run;
                BitSet rest = ahead.get(run, Math.max(run, ahead.length()));
                ahead.clear();
                ahead.or(rest);
            }
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.batch > upTo) {
                    break;
                }
                ready.add(w.callback);
                it.remove();
            }
        }
        ready.forEach(Runnable::run);
    }

    void whenUpTo(long batch, Runnable callback) {
        synchronized (this) {
            if (batch > upTo) {
                waiters.add(new Waiter(batch, callback));
                return;
            }
        }
        callback.run();
    }
}
