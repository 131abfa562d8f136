package io.tessera.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tessera.pgwire.api.PgWireCounters;

/** The PostgreSQL port's metrics, exported from the node's registry. */
final class PgWireMetrics implements PgWireCounters {
    private final Counter connections;
    private final Gauge active;
    private final Counter messages;
    private final Counter errors;

    PgWireMetrics(PrometheusRegistry registry) {
        connections = Counter.builder().name("tessera_pgwire_connections_total")
                .help("Client connections accepted").register(registry);
        active = Gauge.builder().name("tessera_pgwire_connections_active")
                .help("Client connections open now").register(registry);
        messages = Counter.builder().name("tessera_pgwire_messages_total")
                .help("Protocol messages received, by type").labelNames("type").register(registry);
        errors = Counter.builder().name("tessera_pgwire_errors_total")
                .help("ErrorResponses sent, by SQLSTATE class").labelNames("class").register(registry);
    }

    @Override
    public void connectionOpened() {
        connections.inc();
        active.inc();
    }

    @Override
    public void connectionClosed() {
        active.dec();
    }

    @Override
    public void messageReceived(char type) {
        messages.labelValues(String.valueOf(type)).inc();
    }

    @Override
    public void errorSent(String sqlState) {
        // the two-character class keeps the label set small (42, 23, 08, ...)
        errors.labelValues(sqlState.substring(0, 2)).inc();
    }
}
