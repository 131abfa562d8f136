package io.tessera.replication.api;

/** One change in a fragment command; keys are table keys (see {@code KeySpace}). */
public sealed interface FragmentOp {
    byte[] key();

    record Put(byte[] key, byte[] value) implements FragmentOp {}

    /** Fails the whole command (nothing of it is written) when a live version of the key exists. */
    record PutIfAbsent(byte[] key, byte[] value) implements FragmentOp {}

    record Delete(byte[] key) implements FragmentOp {}

    /** Removes every version of the keys in {@code [key, endKey)}; endKey null = the fragment's end. */
    record DeleteRange(byte[] key, byte[] endKey) implements FragmentOp {}
}
