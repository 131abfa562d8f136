package io.tessera.pgwire;

import io.tessera.pgwire.api.Authenticator;
import io.tessera.pgwire.api.PgServerConfig;
import io.tessera.pgwire.api.PgWireCounters;
import io.tessera.sql.api.SqlEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener: accepts sockets and gives each a {@link Connection} on a virtual thread. Public
 * only so that {@link io.tessera.pgwire.api.PgServer} can reach it; other modules use PgServer.
 */
public final class WireServer {
    private static final Logger LOG = LoggerFactory.getLogger(WireServer.class);

    /** Pending TCP connections the kernel queues while the accept loop is busy; Linux's historical somaxconn. */
    static final int ACCEPT_BACKLOG = 128;
    /** Pause after a failed accept (e.g. out of file descriptors) so the loop does not spin. */
    static final long ACCEPT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    enum State {
        NEW, RUNNING, STOPPING, STOPPED;

        private static final Map<State, Set<State>> ALLOWED = Map.of(
                NEW, EnumSet.of(RUNNING, STOPPED),
                RUNNING, EnumSet.of(STOPPING),
                STOPPING, EnumSet.of(STOPPED),
                STOPPED, EnumSet.noneOf(State.class));
    }

    private final ServerContext ctx;
    private final AtomicLong acceptedCount = new AtomicLong();
    private volatile State state = State.NEW;
    private ServerSocket serverSocket;
    private Thread acceptThread;

    public WireServer(PgServerConfig config, SqlEngine engine, Authenticator authenticator,
            RandomGenerator random, PgWireCounters counters) {
        this.ctx = new ServerContext(config, engine, authenticator, counters,
                new ConnectionRegistry(config.maxConnections(), config.maxPendingStartups(), random));
    }

    public synchronized void start() throws IOException {
        moveTo(State.RUNNING);
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(ctx.config().host(), ctx.config().port()), ACCEPT_BACKLOG);
        serverSocket = s;
        acceptThread = Thread.ofPlatform().name("pgwire-accept-" + s.getLocalPort()).daemon(true).start(this::acceptLoop);
        LOG.info("pgwire listening address={} maxConnections={} maxMessageBytes={}",
                s.getLocalSocketAddress(), ctx.config().maxConnections(), ctx.config().maxMessageBytes());
    }

    public int port() {
        ServerSocket s = serverSocket;
        if (s == null) {
            throw new IllegalStateException("server not started");
        }
        return s.getLocalPort();
    }

    public int sessionCount() { return ctx.registry().sessionCount(); }

    private void acceptLoop() {
        while (state == State.RUNNING) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (SocketException e) {
                if (state != State.RUNNING) {
                    return;
                }
                LOG.warn("pgwire accept failed: {}", e.toString());
                LockSupport.parkNanos(ACCEPT_RETRY_NANOS);
                continue;
            } catch (IOException e) {
                LOG.warn("pgwire accept failed: {}", e.toString());
                LockSupport.parkNanos(ACCEPT_RETRY_NANOS);
                continue;
            }
            launch(socket);
        }
    }

    private void launch(Socket socket) {
        if (!ctx.registry().tryBeginStartup()) {
            LOG.warn("pgwire too many connections in start-up, refusing remote={} limit={}",
                    socket.getRemoteSocketAddress(), ctx.config().maxPendingStartups());
            closeQuietly(socket);
            return;
        }
        Connection connection = new Connection(socket, ctx);
        Thread thread = Thread.ofVirtual().name("pgwire-conn-" + acceptedCount.incrementAndGet())
                .unstarted(connection);
        ctx.registry().track(connection, thread);
        thread.start();
    }

    /**
     * Graceful stop: no new connections; each open one is told FATAL 57P01 and rolls back; after
     * the grace period the remaining sockets are closed hard.
     */
    public void close() {
        synchronized (this) {
            if (state == State.NEW) {
                moveTo(State.STOPPED);
                return;
            }
            if (state != State.RUNNING) {
                return;
            }
            moveTo(State.STOPPING);
        }
        closeQuietly(serverSocket);
        joinQuietly(acceptThread, Duration.ofMillis(ctx.config().shutdownGraceMillis()));
        var connections = ctx.registry().snapshot();
        LOG.info("pgwire stopping connections={}", connections.size());
        connections.forEach(e -> e.getKey().requestShutdown());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ctx.config().shutdownGraceMillis());
        for (var e : connections) {
            long left = Math.max(0, deadline - System.nanoTime());
            joinQuietly(e.getValue(), Duration.ofNanos(left));
            if (e.getValue().isAlive()) {
                LOG.warn("pgwire connection did not stop within grace, closing socket pid={}", e.getKey().processId());
                e.getKey().forceClose();
                joinQuietly(e.getValue(), Duration.ofMillis(ctx.config().shutdownGraceMillis()));
            }
        }
        synchronized (this) {
            moveTo(State.STOPPED);
        }
        LOG.info("pgwire stopped");
    }

    private synchronized void moveTo(State next) {
        if (!State.ALLOWED.get(state).contains(next)) {
            throw new IllegalStateException("pgwire server cannot move from " + state + " to " + next);
        }
        state = next;
    }

    private static void joinQuietly(Thread t, Duration timeout) {
        if (t == null) {
            return;
        }
        try {
            t.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("pgwire close failed: {}", e.toString());
        }
    }
}
