package io.tessera.cluster.impl;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * The id of the cluster a data directory belongs to ({@code cluster.id}), written when the node
 * starts a cluster or joins one. A node whose directory belongs to another cluster than the node it
 * is told to join refuses to start, instead of mixing two clusters' data.
 */
final class ClusterIdFile {
    private final Path file;

    ClusterIdFile(Path file) {
        this.file = file;
    }

    Optional<String> read() {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new SqlException(SqlState.IO_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The directory's cluster id, creating a new one (this node starts a cluster) when there is none. */
    String readOrCreate() {
        return read().orElseGet(() -> {
            String id = UUID.randomUUID().toString();
            write(id);
            return id;
        });
    }

    void write(String clusterId) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, clusterId + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SqlException(SqlState.IO_ERROR, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
