package io.tessera.server;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tessera.common.time.Clock;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node wired together: storage and Raft, the catalog, the SQL engine, the PostgreSQL port and
 * the HTTP port. Start-up opens the layers bottom-up and shutdown closes them top-down, so no
 * client is served by a layer that is already gone.
 *
 * <p>Lifecycle: {@code STARTING -> RUNNING -> STOPPING -> STOPPED}; a failed start closes whatever
 * it had opened and throws {@link StartException} with a message for the operator.
 */
public final class TesseraNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TesseraNode.class);

    public enum State { STARTING, RUNNING, STOPPING, STOPPED }

    private static final Map<State, Set<State>> TRANSITIONS = Map.of(
            State.STARTING, Set.of(State.RUNNING, State.STOPPING),
            State.RUNNING, Set.of(State.STOPPING),
            State.STOPPING, Set.of(State.STOPPED),
            State.STOPPED, Set.of());

    /** A start-up failure the operator can act on (port in use, data directory locked, ...). */
    public static final class StartException extends Exception {
        public StartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final NodeConfig config;
    /** Resources in the order they were opened; closed in reverse. */
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private volatile State state = State.STARTING;
    private volatile int sqlPort;
    private volatile int httpPort;

    private TesseraNode(NodeConfig config) {
        this.config = config;
    }

    public static TesseraNode start(NodeConfig config) throws StartException {
        TesseraNode node = new TesseraNode(config);
        try {
            node.openLayers();
        } catch (StartException e) {
            node.close();
            throw e;
        } catch (RuntimeException | IOException e) {
            node.close();
            throw new StartException("could not start: " + e.getMessage(), e);
        }
        node.transition(State.RUNNING);
        LOG.info("node listening sql={} http={} rpc={} dataDir={}", config.sqlAddr().host() + ":" + node.sqlPort,
                config.httpAddr().host() + ":" + node.httpPort, config.rpcAddr(), config.dataDir().toAbsolutePath());
        return node;
    }

    private void openLayers() throws StartException, IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        GaugeWithCallback.builder().name("tessera_node_live")
                .help("1 while this node serves SQL, 0 while it starts or stops")
                .callback(cb -> cb.call(state == State.RUNNING ? 1 : 0)).register(registry);
        Clock clock = Clock.system();
        NodeComponents components = NodeComponents.open(config, clock, registry);
        opened.push(components);
        try {
            HttpEndpoint http = new HttpEndpoint(config.httpAddr(), registry, () -> state == State.RUNNING);
            opened.push(http);
            httpPort = http.port();
        } catch (IOException e) {
            throw new StartException("cannot listen for HTTP on " + config.httpAddr() + ": " + e.getMessage(), e);
        }
        sqlPort = components.startSqlServer(config.sqlAddr());
    }

    private synchronized void transition(State next) {
        if (!TRANSITIONS.get(state).contains(next)) {
            throw new IllegalStateException("node cannot go from " + state + " to " + next);
        }
        LOG.info("node state {} -> {}", state, next);
        state = next;
    }

    public int sqlPort() { return sqlPort; }

    public int httpPort() { return httpPort; }

    @Override
    public synchronized void close() {
        if (state == State.STOPPING || state == State.STOPPED) {
            return;
        }
        transition(State.STOPPING);
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("node shutdown: closing {} failed", resource.getClass().getSimpleName(), e);
            }
        }
        transition(State.STOPPED);
    }
}
