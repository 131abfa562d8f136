package io.tessera.replication.api;

import java.util.List;

/**
 * The storage a group's state machine owns on a node: spans of data keys (user keys; every MVCC
 * version belongs to the group) and spans of meta keys. A follower that installs a snapshot clears
 * these spans and fills them with the leader's pairs, so they must cover everything the state
 * machine reads back in {@link StateMachineFactory#open} and nothing another group owns.
 */
public record GroupSpans(List<Span> data, List<Span> meta) {
    public GroupSpans {
        data = List.copyOf(data);
        meta = List.copyOf(meta);
    }

    /** Keys in {@code [start, end)}; end null = to the end of the space. */
    public record Span(byte[] start, byte[] end) {
        public Span {
            if (start == null) {
                throw new IllegalArgumentException("a span needs a start key");
            }
        }

        /** The span holding exactly one key. */
        public static Span single(byte[] key) {
            byte[] end = java.util.Arrays.copyOf(key, key.length + 1); // key ++ 0x00: its immediate successor
            return new Span(key.clone(), end);
        }
    }
}
