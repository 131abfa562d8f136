package io.tessera.replication.impl;

import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.ByteWriter;
import io.tessera.replication.api.GroupKey;
import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageEngine;
import java.util.UUID;

/**
 * The applied Raft position of each group, kept in the storage's meta space under
 * {@code "raft/applied/" ++ groupUuid} and written in the same batch as the effects of the entry.
 */
final class AppliedIndex {
    private AppliedIndex() {}

    private static final byte[] PREFIX = "raft/applied/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VALUE_BYTES = 16;

    /** A position in a group's log. */
    record Position(long term, long index) {}

    static byte[] key(GroupKey group) {
        UUID uuid = group.uuid();
        return new ByteWriter(PREFIX.length + 16).put(PREFIX).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).toByteArray();
    }

    static void put(StorageBatch batch, GroupKey group, long term, long index) {
        batch.putMeta(key(group), new ByteWriter(VALUE_BYTES).putLong(term).putLong(index).toByteArray());
    }

    static void delete(StorageBatch batch, GroupKey group) {
        batch.deleteMeta(key(group));
    }

    /** The stored position, or null when the group never applied an entry on this node. */
    static Position read(StorageEngine storage, GroupKey group) {
        return storage.getMeta(key(group)).map(AppliedIndex::decode).orElse(null);
    }

    static Position decode(byte[] value) {
        if (value.length != VALUE_BYTES) {
            throw new IllegalStateException("applied index of " + value.length + " bytes");
        }
        ByteReader r = new ByteReader(value);
        return new Position(r.getLong(), r.getLong());
    }
}
