package io.tessera.replication.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a node's Raft host. Every Ratis setting Tessera depends on is derived from these or
 * fixed (with its reason) in the impl's properties factory.
 *
 * @param nodeId this node's Raft peer id
 * @param rpcAddress host:port the Raft gRPC server listens on (port 0 picks a free port)
 * @param directory Raft storage: one sub-directory per group (log segments, snapshot markers)
 * @param requestTimeoutMillis deadline of one submitted command, election and retries included
 * @param snapshotThresholdEntries applied entries after which a group takes a snapshot and purges its log
 * @param logSegmentBytes size at which a log segment is closed; only closed segments can be purged
 * @param purgeGapEntries a purge runs only when it can remove at least this many entries
 * @param electionTimeoutMinMillis lower end of the randomized election timeout
 */
public record RaftHostConfig(String nodeId, String rpcAddress, Path directory, long requestTimeoutMillis,
        long snapshotThresholdEntries, long logSegmentBytes, int purgeGapEntries, long electionTimeoutMinMillis) {

    /** The node's default internal RPC address (ARCHITECTURE.md). */
    public static final String RPC_ADDRESS_DEFAULT = "127.0.0.1:7433";
    /** 10 s: long enough for an election after a leader loss (a few election timeouts), short for a client. */
    public static final long REQUEST_TIMEOUT_MILLIS_DEFAULT = 10_000;
    /** 10,000 entries: replay after a crash stays under a second; snapshots (a WAL sync) stay rare. */
    public static final long SNAPSHOT_THRESHOLD_ENTRIES_DEFAULT = 10_000;
    /** 8 MiB segments: purge frees space in steps small relative to a node's disk, few files per group. */
    public static final long LOG_SEGMENT_BYTES_DEFAULT = 8L << 20;
    /** 1,024 entries: avoids purging for a handful of entries at every snapshot. */
    public static final int PURGE_GAP_ENTRIES_DEFAULT = 1024;
    /** 1 s: well above the heartbeat (a third of it) and a loopback/LAN round trip, so no spurious elections. */
    public static final long ELECTION_TIMEOUT_MIN_MILLIS_DEFAULT = 1_000;

    public RaftHostConfig {
        new Peer(nodeId, rpcAddress); // validates both
        Objects.requireNonNull(directory, "directory");
        if (requestTimeoutMillis < 100) {
            throw new IllegalArgumentException("requestTimeoutMillis must be >= 100: " + requestTimeoutMillis);
        }
        if (snapshotThresholdEntries < 1) {
            throw new IllegalArgumentException("snapshotThresholdEntries must be >= 1: " + snapshotThresholdEntries);
        }
        if (logSegmentBytes < (16 << 10)) {
            throw new IllegalArgumentException("logSegmentBytes must be >= 16 KiB: " + logSegmentBytes);
        }
        if (purgeGapEntries < 1) {
            throw new IllegalArgumentException("purgeGapEntries must be >= 1: " + purgeGapEntries);
        }
        if (electionTimeoutMinMillis < 50) {
            throw new IllegalArgumentException("electionTimeoutMinMillis must be >= 50: " + electionTimeoutMinMillis);
        }
        // A client must outlive at least a few election rounds, or every leader change fails requests.
        if (requestTimeoutMillis < 3 * electionTimeoutMinMillis) {
            throw new IllegalArgumentException("requestTimeoutMillis must be at least 3 election timeouts");
        }
    }

    public static RaftHostConfig defaults(String nodeId, String rpcAddress, Path directory) {
        return new RaftHostConfig(nodeId, rpcAddress, directory, REQUEST_TIMEOUT_MILLIS_DEFAULT,
                SNAPSHOT_THRESHOLD_ENTRIES_DEFAULT, LOG_SEGMENT_BYTES_DEFAULT, PURGE_GAP_ENTRIES_DEFAULT,
                ELECTION_TIMEOUT_MIN_MILLIS_DEFAULT);
    }

    public RaftHostConfig withSnapshotThreshold(long entries, long segmentBytes, int purgeGap) {
        return new RaftHostConfig(nodeId, rpcAddress, directory, requestTimeoutMillis, entries, segmentBytes, purgeGap,
                electionTimeoutMinMillis);
    }

    public RaftHostConfig withElectionTimeoutMin(long millis) {
        return new RaftHostConfig(nodeId, rpcAddress, directory, requestTimeoutMillis, snapshotThresholdEntries,
                logSegmentBytes, purgeGapEntries, millis);
    }

    public Peer self() {
        return new Peer(nodeId, rpcAddress);
    }
}
