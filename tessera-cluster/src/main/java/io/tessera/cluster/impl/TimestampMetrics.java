package io.tessera.cluster.impl;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The timestamp oracle's counters; only the node leading the metadata group counts timestamps and renewals. */
public final class TimestampMetrics {
    private final Counter handedOut;
    private final Counter renewals;
    private final Counter claims;

    public TimestampMetrics(PrometheusRegistry registry) {
        handedOut = Counter.builder().name("tessera_tso_timestamps_total")
                .help("Timestamps this node handed out as the metadata leader").register(registry);
        renewals = Counter.builder().name("tessera_tso_limit_renewals_total")
                .help("Renewals of the timestamp lease and limit this node wrote to the metadata group").register(registry);
        claims = Counter.builder().name("tessera_tso_claims_total")
                .help("Times this node took over the timestamp oracle as a new metadata leader").register(registry);
    }

    void handedOut(int count) {
        handedOut.inc(count);
    }

    void renewed() {
        renewals.inc();
    }

    void claimed() {
        claims.inc();
    }
}
