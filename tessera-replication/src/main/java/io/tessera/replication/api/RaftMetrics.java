package io.tessera.replication.api;

import io.prometheus.metrics.core.datapoints.Timer;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The replication layer's metrics, labelled by group kind ({@code meta} or {@code fragment}) so
 * the label set stays small however many fragments a node hosts; per-fragment figures are in
 * {@code tessera.fragments}.
 */
public final class RaftMetrics {
    private final Counter proposals;
    private final Counter leaderChanges;
    private final Histogram applySeconds;

    public RaftMetrics(PrometheusRegistry registry) {
        proposals = Counter.builder().name("tessera_raft_proposals_total")
                .help("Commands proposed to Raft groups by this node").labelNames("kind").register(registry);
        leaderChanges = Counter.builder().name("tessera_raft_leader_changes_total")
                .help("Leader changes seen by this node's replicas").labelNames("kind").register(registry);
        applySeconds = Histogram.builder().name("tessera_raft_apply_seconds")
                .help("Time to apply one committed entry to storage").labelNames("kind").register(registry);
    }

    /** Metrics that go nowhere, for tests and tools that open a host without a node around it. */
    public static RaftMetrics unregistered() {
        return new RaftMetrics(new PrometheusRegistry());
    }

    public void proposed(GroupKey key) {
        proposals.labelValues(label(key)).inc();
    }

    public void leaderChanged(GroupKey key) {
        leaderChanges.labelValues(label(key)).inc();
    }

    /** Starts timing an apply; close the returned timer when the entry is applied. */
    public Timer applyTimer(GroupKey key) {
        return applySeconds.labelValues(label(key)).startTimer();
    }

    private static String label(GroupKey key) {
        return key.kind() == GroupKey.Kind.META ? "meta" : "fragment";
    }
}
