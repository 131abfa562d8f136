package io.tessera.kv.api;

/**
 * One change to a fragment's keys. A batch of mutations applies atomically or not at all: if any
 * {@link PutIfAbsent} finds its key present, nothing of the batch is written and the write fails
 * with SQLSTATE 23505.
 */
public sealed interface Mutation {
    byte[] key();

    record Put(byte[] key, byte[] value) implements Mutation {}

    /** Insert: fails the whole batch with 23505 when a live version of the key exists. */
    record PutIfAbsent(byte[] key, byte[] value) implements Mutation {}

    /** Writes a deletion; reading the key afterwards finds nothing. */
    record Delete(byte[] key) implements Mutation {}

    /** Removes every key in {@code [key, endKey)} (TRUNCATE, DROP TABLE). */
    record DeleteRange(byte[] key, byte[] endKey) implements Mutation {}
}
