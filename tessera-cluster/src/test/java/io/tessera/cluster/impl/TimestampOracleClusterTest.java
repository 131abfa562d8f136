package io.tessera.cluster.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.cluster.api.MembershipConfig;
import io.tessera.cluster.api.MetadataGroup;
import io.tessera.common.time.Clock;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.RaftHost;
import io.tessera.replication.api.RaftHostConfig;
import io.tessera.storage.api.StorageConfig;
import io.tessera.storage.api.StorageEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle on three in-process nodes with real Raft hosts (a cluster formed by joining, like
 * {@code tessera start --join}): timestamps never go backwards across a leader's death or a restart
 * of every node, even when the wall clock steps back.
 */
class TimestampOracleClusterTest {
    private static final long WAIT_MILLIS = 60_000;

    /** The wall clock of every node, which the test can step back. */
    static final class ShiftedClock implements Clock {
        volatile long offsetMillis;

        @Override public long nowMillis() { return System.currentTimeMillis() + offsetMillis; }

        @Override public long nanoTime() { return System.nanoTime(); }
    }

    record Node(String id, StorageEngine storage, RaftHost host, MetadataGroup.Opened opened) {
        void close() {
            try {
                opened.background().close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            host.close();
            storage.close();
        }

        /** Like a kill: the Raft host goes first, so the node cannot release the oracle. */
        void crash() {
            host.close();
            try {
                opened.background().close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            storage.close();
        }
    }

    @TempDir Path dir;
    final ShiftedClock clock = new ShiftedClock();
    final List<Integer> ports = new ArrayList<>();
    final List<Node> nodes = new ArrayList<>();

    @BeforeEach
    void formCluster() throws IOException {
        for (int i = 0; i < 3; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                ports.add(s.getLocalPort());
            }
        }
        for (int i = 0; i < 3; i++) {
            nodes.add(start(i));
        }
        waitFor("three metadata voters", () -> leader() != null
                && leader().host().status(GroupKey.META).peers().size() == 3);
    }

    @AfterEach
    void stop() {
        nodes.forEach(n -> {
            if (n != null) {
                n.close();
            }
        });
    }

    Node start(int i) {
        String id = "n" + (i + 1);
        StorageEngine storage = StorageEngine.open(StorageConfig.small(dir.resolve(id).resolve("db")));
        MetadataGroup metadata = new MetadataGroup();
        RaftHost host = RaftHost.open(RaftHostConfig.defaults(id, "127.0.0.1:" + ports.get(i), dir.resolve(id).resolve("raft"))
                .withElectionTimeoutMin(200), storage, Map.of(GroupKey.Kind.META, metadata.stateMachineFactory()));
        host.start();
        List<String> join = i == 0 ? List.of() : List.of("127.0.0.1:" + ports.get(0));
        MetadataGroup.Opened opened = metadata.open(host, new MembershipConfig(join, Map.of(), "127.0.0.1:0", "127.0.0.1:0",
                5 * 60_000), clock, id2 -> 0, dir.resolve(id).resolve("cluster.id"));
        return new Node(id, storage, host, opened);
    }

    Node leader() {
        for (Node n : nodes) {
            if (n != null && n.host().hasGroup(GroupKey.META) && n.host().leadsReady(GroupKey.META)) {
                return n;
            }
        }
        return null;
    }

    @Test
    void timestampsKeepIncreasingWhileTheMetadataLeaderCrashes() throws InterruptedException {
        Node dying = leader();
        List<Node> survivors = nodes.stream().filter(n -> n != dying).toList();
        AtomicLong completed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicLong served = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (Node n : survivors) {
            for (int t = 0; t < 4; t++) {
                workers.add(Thread.ofVirtual().start(() -> callUntilStopped(n, completed, served, stop, violations)));
            }
        }
        waitFor("timestamps through the first leader", () -> served.get() > 1_000);
        int at = nodes.indexOf(dying);
        nodes.set(at, null);
        dying.crash();
        long servedAtDeath = served.get();
        waitFor("timestamps through the next leader", () -> served.get() > servedAtDeath + 1_000 || !violations.isEmpty());
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        assertThat(violations).isEmpty();
        assertThat(leader()).isIn(survivors);
    }

    /**
     * Calls next() in a loop: each timestamp must exceed every one returned (on any node) before
     * the call began; that is the oracle's contract, checked across nodes.
     */
    private static void callUntilStopped(Node n, AtomicLong completed, AtomicLong served, AtomicBoolean stop,
            ConcurrentLinkedQueue<String> violations) {
        while (!stop.get()) {
            long floor = completed.get();
            long ts;
            try {
                ts = n.opened().timestamps().next();
            } catch (RuntimeException e) {
                violations.add(n.id() + " failed: " + e);
                return;
            }
            if (ts <= floor) {
                violations.add(n.id() + " returned " + ts + " after " + floor + " had been handed out");
            }
            completed.accumulateAndGet(ts, Math::max);
            served.incrementAndGet();
        }
    }

    @Test
    void timestampsStayAboveThePersistedLimitAfterEveryNodeRestartsWithItsClockBehind() {
        long max = 0;
        for (Node n : nodes) {
            for (int i = 0; i < 100; i++) {
                long ts = n.opened().timestamps().next();
                assertThat(ts).isGreaterThan(max);
                max = ts;
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).close();
            nodes.set(i, null);
        }
        clock.offsetMillis = -TimeUnit.HOURS.toMillis(1); // the restarted nodes' wall clocks are an hour behind
        for (int i = 0; i < 3; i++) {
            nodes.set(i, start(i));
        }
        for (Node n : nodes) {
            long ts = n.opened().timestamps().next();
            assertThat(ts).isGreaterThan(max);
            max = ts;
        }
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited for " + what).isNegative();
            RaftCluster.sleep(50);
        }
    }
}
