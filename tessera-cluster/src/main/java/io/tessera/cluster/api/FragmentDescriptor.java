package io.tessera.cluster.api;

/**
 * A fragment: one replicated piece of a table's key space, {@code [startKey, endKey)} in the
 * table's keys (see {@code KeySpace}); endKey null means the end of the table. Its Raft group is
 * named after {@link #id()}. The same shape stands for a hash bucket, a key range or a list
 * partition: routing always works on keys. Tables are hash-fragmented for now: startKey/endKey are
 * then 4-byte bounds in hash space, see {@link FragmentSpans}; route through it, never by comparing
 * table keys with these bounds.
 */
public record FragmentDescriptor(long id, long tableId, byte[] startKey, byte[] endKey) {}
