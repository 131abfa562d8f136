package io.tessera.replication.impl;

import io.tessera.common.encoding.ByteWriter;
import io.tessera.common.error.SqlException;
import io.tessera.replication.api.ApplyResult;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.GroupSpans;
import io.tessera.replication.api.ReplicatedStateMachine;
import io.tessera.replication.api.StateMachineFactory;
import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageEngine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A test state machine: a counter in meta storage; a negative increment is rejected (22023). */
final class CounterStateMachine implements ReplicatedStateMachine {
    static final byte[] KEY = "test/counter".getBytes(StandardCharsets.US_ASCII);
    private long value;

    CounterStateMachine(StorageEngine storage) {
        value = storage.getMeta(KEY).map(v -> ByteBuffer.wrap(v).getLong()).orElse(0L);
    }

    static StateMachineFactory factory() {
        return new StateMachineFactory() {
            @Override
            public ReplicatedStateMachine open(GroupKey key, StorageEngine storage) {
                return new CounterStateMachine(storage);
            }

            @Override
            public void destroy(GroupKey key, StorageBatch batch) {
                batch.deleteMeta(KEY);
            }

            @Override
            public GroupSpans spans(GroupKey key) {
                return new GroupSpans(List.of(), List.of(GroupSpans.Span.single(KEY)));
            }
        };
    }

    static byte[] add(long delta) { return new ByteWriter(8).putLong(delta).toByteArray(); }

    static long decode(byte[] reply) { return ByteBuffer.wrap(reply).getLong(); }

    @Override
    public ApplyResult apply(long index, byte[] command, StorageBatch batch) {
        long delta = ByteBuffer.wrap(command).getLong();
        if (delta < 0) {
            throw new SqlException("22023", "increment must not be negative: " + delta);
        }
        long next = value + delta;
        batch.putMeta(KEY, add(next));
        return new ApplyResult(add(next), () -> value = next);
    }

    @Override
    public byte[] query(byte[] request) { return add(value); }

    @Override
    public void close() { }
}
