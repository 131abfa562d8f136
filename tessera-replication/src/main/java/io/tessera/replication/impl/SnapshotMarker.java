package io.tessera.replication.impl;

import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.ByteWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The file Ratis knows as a group's snapshot. The data itself stays in RocksDB (synced before the
 * marker is written); the marker records which log position the synced data covers and the applied
 * index stored in RocksDB at that moment, so that start-up can check RocksDB still holds it.
 */
record SnapshotMarker(UUID group, long term, long index, long storedIndex) {
    private static final int MAGIC = 0x54534e50; // "TSNP"
    private static final int VERSION = 1;

    void write(Path file) throws IOException {
        byte[] bytes = new ByteWriter(48).putInt(MAGIC).putInt(VERSION).putLong(group.getMostSignificantBits())
                .putLong(group.getLeastSignificantBits()).putLong(term).putLong(index).putLong(storedIndex)
                .toByteArray();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static SnapshotMarker read(Path file) throws IOException {
        ByteReader r = new ByteReader(Files.readAllBytes(file));
        if (r.getInt() != MAGIC) {
            throw new IllegalStateException("not a Tessera snapshot marker: " + file);
        }
        int version = r.getInt();
        if (version != VERSION) {
            throw new IllegalStateException("snapshot marker version " + version + " unknown: " + file);
        }
        return new SnapshotMarker(new UUID(r.getLong(), r.getLong()), r.getLong(), r.getLong(), r.getLong());
    }
}
