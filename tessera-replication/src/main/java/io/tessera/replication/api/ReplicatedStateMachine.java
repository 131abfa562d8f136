package io.tessera.replication.api;

import io.tessera.storage.api.StorageBatch;

/**
 * The deterministic core of a replicated group, free of Raft types. The host calls it on one thread
 * per group, in log order, once per committed command.
 *
 * <p>Contract of {@link #apply}: the effects of the command go into {@code batch} and nowhere else;
 * the host adds the group's applied index to the same batch and writes it, so that effects and
 * index are durable together or not at all. Apply must depend only on the command, the index, and
 * state written by earlier applies: every replica must reach the same bytes. It may throw a
 * {@code SqlException} for a deterministic user error (e.g. "table exists"); the host then writes
 * only the applied index and sends the error to the client.
 */
public interface ReplicatedStateMachine extends AutoCloseable {

    ApplyResult apply(long index, byte[] command, StorageBatch batch);

    /** A read-only query against this replica's applied state. */
    byte[] query(byte[] request);

    @Override
    void close();
}
