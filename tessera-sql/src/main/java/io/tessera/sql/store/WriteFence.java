package io.tessera.sql.store;

import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The writes in flight on this node, so that CREATE INDEX's backfill can wait out the ones that
 * may have read the catalog before the new index was in it. A writer enters before it reads which
 * indexes to maintain and exits when its writes are done; a write that entered after the index
 * reached this node's catalog maintains it, and the backfill waits for every write that entered
 * before. One fence per node (per SQL engine), shared by its sessions.
 */
public final class WriteFence {
    /** How long a backfill waits for older writes before giving up with an error. */
    static final long WAIT_MILLIS_MAX = 60_000;

    private final AtomicLong tickets = new AtomicLong();
    private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();

    /** Registers a write; pass the ticket to {@link #exit}. */
    long enter() {
        long ticket = tickets.incrementAndGet();
        inFlight.add(ticket);
        return ticket;
    }

    void exit(long ticket) {
        inFlight.remove(ticket);
        synchronized (this) {
            notifyAll();
        }
    }

    /** Waits until every write that entered before this call has exited; false when the wait ran out. */
    boolean awaitEarlierWrites() throws InterruptedException {
        long horizon = tickets.get();
        long deadline = System.nanoTime() + WAIT_MILLIS_MAX * 1_000_000L;
        synchronized (this) {
            while (!inFlight.isEmpty() && inFlight.first() <= horizon) {
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
                if (leftMillis <= 0) {
                    return false;
                }
                wait(Math.min(leftMillis, 50));
            }
        }
        return true;
    }
}
