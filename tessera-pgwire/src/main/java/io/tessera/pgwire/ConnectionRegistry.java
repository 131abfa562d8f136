package io.tessera.pgwire;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of one server: the admission limits (sessions, sockets still in start-up), the
 * cancel keys, and the list a graceful shutdown walks.
 */
final class ConnectionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRegistry.class);

    private final int maxSessions;
    private final int maxPendingStartups;
    private final RandomGenerator random;
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger pendingStartups = new AtomicInteger();
    /** Process ids are per server and only need to be unique among its live sessions. */
    private final AtomicInteger nextProcessId = new AtomicInteger(1);
    private final Map<Integer, Connection> byProcessId = new ConcurrentHashMap<>();
    private final Map<Connection, Thread> all = new ConcurrentHashMap<>();

    ConnectionRegistry(int maxSessions, int maxPendingStartups, RandomGenerator random) {
        this.maxSessions = maxSessions;
        this.maxPendingStartups = maxPendingStartups;
        this.random = random;
    }

    /** Called by the accept loop before it starts a connection's thread. */
    boolean tryBeginStartup() {
        return tryIncrement(pendingStartups, maxPendingStartups);
    }

    void endStartup() {
        pendingStartups.decrementAndGet();
    }

    boolean tryAdmitSession() {
        return tryIncrement(sessions, maxSessions);
    }

    void releaseSession() {
        sessions.decrementAndGet();
    }

    int sessionCount() { return sessions.get(); }

    int nextProcessId() {
        return nextProcessId.getAndUpdate(id -> id == Integer.MAX_VALUE ? 1 : id + 1);
    }

    /** The secret of BackendKeyData; the random source may not be thread-safe, so draws are serialised. */
    int newSecretKey() {
        synchronized (random) {
            return random.nextInt();
        }
    }

    void track(Connection connection, Thread thread) {
        all.put(connection, thread);
    }

    void registerCancelKey(Connection connection) {
        byProcessId.put(connection.processId(), connection);
    }

    void remove(Connection connection) {
        byProcessId.remove(connection.processId(), connection);
        all.remove(connection);
    }

    /** A CancelRequest: cancels the statement of the matching session; a wrong key is ignored silently, as in PostgreSQL. */
    boolean cancel(int processId, int secretKey) {
        Connection target = byProcessId.get(processId);
        if (target == null || target.secretKey() != secretKey) {
            LOG.info("pgwire cancel request ignored pid={} reason={}", processId, target == null ? "no such session" : "wrong key");
            return false;
        }
        LOG.info("pgwire cancel request pid={}", processId);
        target.cancelStatement();
        return true;
    }

    Collection<Map.Entry<Connection, Thread>> snapshot() {
        return List.copyOf(all.entrySet());
    }

    private static boolean tryIncrement(AtomicInteger counter, int max) {
        while (true) {
            int n = counter.get();
            if (n >= max) {
                return false;
            }
            if (counter.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }
}
