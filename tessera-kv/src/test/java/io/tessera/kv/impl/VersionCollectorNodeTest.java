package io.tessera.kv.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableSpec;
import io.tessera.common.types.SqlType;
import io.tessera.common.error.SqlException;
import io.tessera.common.time.Clock;
import io.tessera.kv.api.FragmentRouter;
import io.tessera.kv.api.Mutation;
import io.tessera.kv.api.StorageNode;
import io.tessera.kv.api.StorageNodeConfig;
import io.tessera.replication.api.FragmentKeys;
import io.tessera.storage.api.KeyValue;
import io.tessera.storage.api.StorageSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real node with a one-second window: its background collector removes old versions of a real fragment. */
class VersionCollectorNodeTest {
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void oldVersionsOfAFragmentAreCollectedOnceTheWindowHasPassed(@TempDir Path dir) throws InterruptedException {
        StorageNodeConfig config = StorageNodeTest.config(dir).withGcWindow(WINDOW);
        PrometheusRegistry registry = new PrometheusRegistry();
        try (StorageNode node = StorageNode.open(config, Clock.system(), registry)) {
            TableDescriptor t = node.catalog().createTable(new TableSpec("gc", List.of(
                    new ColumnDescriptor(0, "id", SqlType.INT8, true, null, false),
                    new ColumnDescriptor(0, "v", SqlType.TEXT, false, null, false)), List.of(0), 1));
            long fragment = t.fragments().get(0).id();
            byte[] updated = StorageNodeTest.key(t, 1);
            byte[] deleted = StorageNodeTest.key(t, 2);
            assertThat(FragmentRouter.owner(t, deleted).id()).isEqualTo(fragment);
            for (int i = 0; i < 5; i++) {
                node.kv().write(fragment, List.of(new Mutation.Put(updated, StorageNodeTest.b("v" + i))));
            }
            node.kv().write(fragment, List.of(new Mutation.Put(deleted, StorageNodeTest.b("x"))));
            node.kv().write(fragment, List.of(new Mutation.Delete(deleted)));
            assertThat(versions(node, fragment, updated)).isEqualTo(5);

            waitFor(() -> versions(node, fragment, updated) == 1 && versions(node, fragment, deleted) == 0);

            assertThat(node.kv().get(fragment, updated)).map(String::new).contains("v4");
            assertThat(node.kv().get(fragment, deleted)).isEmpty();
            assertThat(collected(registry)).isGreaterThanOrEqualTo(4 + 2);
            long horizon = node.gcHorizon();
            node.checkReadable(horizon);
            assertThatThrownBy(() -> node.checkReadable(horizon - 1)).isInstanceOfSatisfying(SqlException.class,
                    e -> assertThat(e.sqlState()).isEqualTo("72000"));
        }
    }

    /** Stored versions (live and tombstones) of one table key of the fragment on this node. */
    private static int versions(StorageNode node, long fragment, byte[] tableKey) {
        byte[] storageKey = FragmentKeys.storageKey(fragment, tableKey);
        byte[] next = Arrays.copyOf(storageKey, storageKey.length + 1);
        try (StorageSnapshot snapshot = node.storage().snapshot()) {
            List<KeyValue> raw = snapshot.scanRaw(storageKey, next, null, Long.MAX_VALUE);
            return raw.size();
        }
    }

    private static double collected(PrometheusRegistry registry) {
        return registry.scrape().stream()
                .filter(s -> s.getMetadata().getName().equals("tessera_kv_gc_versions_collected"))
                .flatMap(s -> ((CounterSnapshot) s).getDataPoints().stream())
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", WAIT).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
