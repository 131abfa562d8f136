package io.tessera.pgwire.api;

import io.tessera.pgwire.WireServer;
import io.tessera.sql.api.SqlEngine;
import java.io.IOException;
import java.util.random.RandomGenerator;

/**
 * The PostgreSQL wire protocol v3 server of a node: one virtual thread per connection, each
 * driving a {@link io.tessera.sql.api.SqlSession} of the given engine.
 *
 * <p>Lifecycle: {@code new PgServer(...)}, {@link #start()} (binds; {@link #port()} then tells the
 * port, useful with port 0), {@link #close()} (stops accepting, sends FATAL 57P01 to every open
 * connection, waits up to {@link PgServerConfig#shutdownGraceMillis()} for them to roll back).
 *
 * <p>Example: {@code var server = new PgServer(PgServerConfig.defaults(), engine, new
 * TrustAuthenticator(), new SecureRandom(), PgWireCounters.NONE); server.start();}
 */
public final class PgServer implements AutoCloseable {
    private final WireServer server;

    /**
     * @param random the source of BackendKeyData secrets (cancel keys); {@code SecureRandom} in
     *     production so that another client cannot guess them, a seeded generator in tests
     */
    public PgServer(PgServerConfig config, SqlEngine engine, Authenticator authenticator,
            RandomGenerator random, PgWireCounters counters) {
        if (config == null || engine == null || authenticator == null || random == null || counters == null) {
            throw new IllegalArgumentException("config, engine, authenticator, random and counters are required");
        }
        this.server = new WireServer(config, engine, authenticator, random, counters);
    }

    /** Binds the listening socket and starts accepting; throws if the address is taken. */
    public void start() throws IOException {
        server.start();
    }

    /** The bound port; valid after {@link #start()}. */
    public int port() {
        return server.port();
    }

    /** Sessions open now (authenticated connections). */
    public int sessionCount() {
        return server.sessionCount();
    }

    /** Graceful shutdown; idempotent. */
    @Override
    public void close() {
        server.close();
    }
}
