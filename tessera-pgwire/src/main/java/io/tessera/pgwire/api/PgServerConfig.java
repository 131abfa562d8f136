package io.tessera.pgwire.api;

/**
 * Settings of the PostgreSQL wire protocol listener. Every limit protects the node from one
 * client: a limit that trips closes that client's connection only.
 *
 * @param host address to bind; default {@code 127.0.0.1} so that a node started without flags is
 *     not reachable from the network (ARCHITECTURE.md, "Defaults of a node")
 * @param port TCP port; default 7432 (Tessera's SQL port); 0 picks a free port (tests)
 * @param maxMessageBytes largest body of one frontend message; default 64 MiB: larger than any
 *     statement text or bound parameter set a client sends in practice, small enough that a
 *     bogus length word cannot make the node allocate gigabytes. Checked before allocating.
 * @param maxStartupPacketBytes largest startup packet; default 10,000 bytes, PostgreSQL's own
 *     MAX_STARTUP_PACKET_LENGTH, which real start-up packets (a few parameters) never approach
 * @param maxConnections sessions served at once; default 100, PostgreSQL's max_connections
 *     default; the next client gets FATAL 53300
 * @param maxPendingStartups accepted sockets that have not finished start-up; default 64: bounds
 *     the threads and sockets a flood of silent connections can hold (cancel requests pass here)
 * @param startupTimeoutMillis time a client has to finish start-up and authentication; default
 *     60,000 ms, PostgreSQL's authentication_timeout
 * @param outputBufferBytes bytes buffered before a write to the socket even without Sync; default
 *     64 KiB: one flush per Sync for ordinary results, bounded memory for large ones
 * @param shutdownGraceMillis time {@link PgServer#close()} waits for each connection to send its
 *     FATAL 57P01 and roll back before the socket is closed hard; default 5,000 ms
 */
public record PgServerConfig(
        String host,
        int port,
        int maxMessageBytes,
        int maxStartupPacketBytes,
        int maxConnections,
        int maxPendingStartups,
        int startupTimeoutMillis,
        int outputBufferBytes,
        int shutdownGraceMillis) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7432;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    public static final int DEFAULT_MAX_STARTUP_PACKET_BYTES = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS = 100;
    public static final int DEFAULT_MAX_PENDING_STARTUPS = 64;
    public static final int DEFAULT_STARTUP_TIMEOUT_MILLIS = 60_000;
    public static final int DEFAULT_OUTPUT_BUFFER_BYTES = 64 * 1024;
    public static final int DEFAULT_SHUTDOWN_GRACE_MILLIS = 5_000;

    /** The smallest startup packet limit that still admits an 8-byte SSLRequest and a real StartupMessage. */
    static final int MIN_STARTUP_PACKET_BYTES = 64;

    public PgServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        // A message must at least hold the startup packet's worth of text (a Query of a short
        // statement); anything smaller would refuse ordinary clients.
        if (maxMessageBytes < maxStartupPacketBytes) {
            throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes
                    + " must be at least maxStartupPacketBytes " + maxStartupPacketBytes);
        }
        if (maxStartupPacketBytes < MIN_STARTUP_PACKET_BYTES) {
            throw new IllegalArgumentException("maxStartupPacketBytes must be at least " + MIN_STARTUP_PACKET_BYTES);
        }
        if (maxConnections < 1 || maxPendingStartups < 1) {
            throw new IllegalArgumentException("maxConnections and maxPendingStartups must be positive");
        }
        if (startupTimeoutMillis < 1 || shutdownGraceMillis < 0) {
            throw new IllegalArgumentException("startupTimeoutMillis must be positive, shutdownGraceMillis not negative");
        }
        if (outputBufferBytes < 512) {
            throw new IllegalArgumentException("outputBufferBytes must be at least 512");
        }
    }

    public static PgServerConfig defaults() {
        return new PgServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_MESSAGE_BYTES,
                DEFAULT_MAX_STARTUP_PACKET_BYTES, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_PENDING_STARTUPS,
                DEFAULT_STARTUP_TIMEOUT_MILLIS, DEFAULT_OUTPUT_BUFFER_BYTES, DEFAULT_SHUTDOWN_GRACE_MILLIS);
    }

    public PgServerConfig withHost(String newHost) {
        return new PgServerConfig(newHost, port, maxMessageBytes, maxStartupPacketBytes, maxConnections,
                maxPendingStartups, startupTimeoutMillis, outputBufferBytes, shutdownGraceMillis);
    }

    public PgServerConfig withPort(int newPort) {
        return new PgServerConfig(host, newPort, maxMessageBytes, maxStartupPacketBytes, maxConnections,
                maxPendingStartups, startupTimeoutMillis, outputBufferBytes, shutdownGraceMillis);
    }

    public PgServerConfig withMaxMessageBytes(int newMax) {
        return new PgServerConfig(host, port, newMax, maxStartupPacketBytes, maxConnections,
                maxPendingStartups, startupTimeoutMillis, outputBufferBytes, shutdownGraceMillis);
    }

    public PgServerConfig withMaxConnections(int newMax) {
        return new PgServerConfig(host, port, maxMessageBytes, maxStartupPacketBytes, newMax,
                maxPendingStartups, startupTimeoutMillis, outputBufferBytes, shutdownGraceMillis);
    }

    public PgServerConfig withShutdownGraceMillis(int newGrace) {
        return new PgServerConfig(host, port, maxMessageBytes, maxStartupPacketBytes, maxConnections,
                maxPendingStartups, startupTimeoutMillis, outputBufferBytes, newGrace);
    }
}
