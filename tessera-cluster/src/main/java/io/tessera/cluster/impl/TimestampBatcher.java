package io.tessera.cluster.impl;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntToLongFunction;

/**
 * Shares one fetch of timestamps among the callers waiting at the same time: while a fetch is under
 * way, new callers queue; when it completes, one fetch asks for as many timestamps as callers
 * queued, and each gets its own. One fetch at a time per node keeps the metadata leader's load at
 * one request per node per round trip however many sessions the node serves.
 *
 * <p>A caller never takes a timestamp from a fetch that started before it called: that fetch may
 * have been served before a timestamp another node handed out since, and the oracle promises a
 * timestamp larger than every one handed out before the call.
 */
final class TimestampBatcher {
    /** {@code count} → the first of {@code count} consecutive timestamps; throws a SqlException on failure. */
    private final IntToLongFunction fetch;
    private final Object lock = new Object();
    private List<CompletableFuture<Long>> waiting = new ArrayList<>();
    private boolean fetching;

    TimestampBatcher(IntToLongFunction fetch) {
        this.fetch = fetch;
    }

    long next() {
        CompletableFuture<Long> mine = new CompletableFuture<>();
        boolean start;
        synchronized (lock) {
            waiting.add(mine);
            start = !fetching;
            fetching = true;
        }
        if (start) {
            Thread.ofVirtual().name("timestamp-fetch").start(this::fetchRound);
        }
        return await(mine);
    }

    /** Callers waiting for the next fetch (for tests). */
    int queued() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /** Serves every caller queued now with one fetch, then starts the next round if more queued meanwhile. */
    private void fetchRound() {
        List<CompletableFuture<Long>> batch;
        synchronized (lock) {
            batch = waiting;
            waiting = new ArrayList<>();
        }
        try {
            long first = fetch.applyAsLong(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(first + i);
            }
        } catch (RuntimeException e) {
            batch.forEach(f -> f.completeExceptionally(e));
        }
        synchronized (lock) {
            if (waiting.isEmpty()) {
                fetching = false;
                return;
            }
        }
        Thread.ofVirtual().name("timestamp-fetch").start(this::fetchRound);
    }

    private static long await(CompletableFuture<Long> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlException(SqlState.QUERY_CANCELED, "interrupted while waiting for a timestamp");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SqlException s ? s
                    : new SqlException(SqlState.CONNECTION_FAILURE, "timestamp fetch failed: " + e.getCause(), e.getCause());
        }
    }
}
