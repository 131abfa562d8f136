package io.tessera.pgwire;

import io.tessera.pgwire.api.CountingPgWireCounters;
import io.tessera.pgwire.api.PgServer;
import io.tessera.pgwire.api.PgServerConfig;
import io.tessera.pgwire.api.TrustAuthenticator;
import java.io.IOException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.concurrent.locks.LockSupport;

/** A PgServer on a free loopback port over a {@link ScriptedSqlEngine}, for one test. */
final class ServerFixture implements AutoCloseable {
    final ScriptedSqlEngine engine = new ScriptedSqlEngine();
    final CountingPgWireCounters counters = new CountingPgWireCounters();
    final PgServer server;

    ServerFixture() throws IOException {
        this(c -> c);
    }

    ServerFixture(UnaryOperator<PgServerConfig> configure) throws IOException {
        PgServerConfig config = configure.apply(PgServerConfig.defaults().withPort(0).withShutdownGraceMillis(2_000));
        server = new PgServer(config, engine, new TrustAuthenticator(), new SplittableRandom(42), counters);
        server.start();
    }

    int port() { return server.port(); }

    String jdbcUrl() { return "jdbc:postgresql://127.0.0.1:" + port() + "/tessera"; }

    ScriptedSqlEngine.ScriptedSession lastSession() {
        return engine.sessions.get(engine.sessions.size() - 1);
    }

    /** Waits for a condition another thread makes true; fails after 10 s. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
