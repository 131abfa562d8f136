package io.tessera.kv.api;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Reads and writes per fragment, as the KV layer serves them. A fragment label per series is
 * affordable at this scale (hundreds of fragments a node); a node with many thousands would fold
 * them by table instead.
 */
public final class KvMetrics {
    private final Counter reads;
    private final Counter writes;
    private final Counter mutations;
    private final Counter versionsCollected;

    public KvMetrics(PrometheusRegistry registry) {
        reads = Counter.builder().name("tessera_kv_reads_total")
                .help("Point reads and scan pages served, per fragment").labelNames("fragment").register(registry);
        writes = Counter.builder().name("tessera_kv_writes_total")
                .help("Write batches (one Raft command each), per fragment").labelNames("fragment").register(registry);
        mutations = Counter.builder().name("tessera_kv_mutations_total")
                .help("Mutations in those write batches, per fragment").labelNames("fragment").register(registry);
        versionsCollected = Counter.builder().name("tessera_kv_gc_versions_collected_total")
                .help("Old MVCC versions garbage-collected from this node's replicas, per fragment")
                .labelNames("fragment").register(registry);
    }

    public static KvMetrics unregistered() {
        return new KvMetrics(new PrometheusRegistry());
    }

    public void read(long fragmentId) {
        reads.labelValues(Long.toString(fragmentId)).inc();
    }

    public void wrote(long fragmentId, int mutationCount) {
        String f = Long.toString(fragmentId);
        writes.labelValues(f).inc();
        mutations.labelValues(f).inc(mutationCount);
    }

    public void collected(long fragmentId, long versions) {
        versionsCollected.labelValues(Long.toString(fragmentId)).inc(versions);
    }
}
