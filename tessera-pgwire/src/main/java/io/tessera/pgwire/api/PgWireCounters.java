package io.tessera.pgwire.api;

/**
 * What the protocol layer counts, for the metrics class the server wires in. Called from
 * connection threads concurrently; implementations must be thread-safe and cheap.
 */
public interface PgWireCounters {

    /** A client's session started (after authentication). */
    void connectionOpened();

    /** A session ended, for any reason. */
    void connectionClosed();

    /** A frontend message of this type byte ('Q', 'P', 'B', 'E', 'S', ...) was read. */
    void messageReceived(char type);

    /** An ErrorResponse (including FATAL) was sent with this SQLSTATE. */
    void errorSent(String sqlState);

    PgWireCounters NONE = new PgWireCounters() {
        @Override public void connectionOpened() {}
        @Override public void connectionClosed() {}
        @Override public void messageReceived(char type) {}
        @Override public void errorSent(String sqlState) {}
    };
}
