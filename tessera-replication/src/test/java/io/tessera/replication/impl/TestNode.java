package io.tessera.replication.impl;

import io.tessera.replication.api.FragmentCommand;
import io.tessera.replication.api.FragmentKeys;
import io.tessera.replication.api.FragmentOp;
import io.tessera.replication.api.FragmentReply;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.RaftHost;
import io.tessera.replication.api.RaftHostConfig;
import io.tessera.storage.api.KeyValue;
import io.tessera.storage.api.StorageConfig;
import io.tessera.storage.api.StorageEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/** One in-process node (storage + Raft host on a free loopback port) that a test can restart. */
final class TestNode implements AutoCloseable {
    final Path dir;
    final int port;
    final String nodeId;
    final UnaryOperator<RaftHostConfig> tuning;
    StorageEngine storage;
    RaftHost host;

    TestNode(Path dir, String nodeId, UnaryOperator<RaftHostConfig> tuning) {
        this.dir = dir;
        this.nodeId = nodeId;
        this.port = freePort();
        this.tuning = tuning;
        open();
    }

    TestNode(Path dir, UnaryOperator<RaftHostConfig> tuning) { this(dir, "n1", tuning); }

    TestNode(Path dir) { this(dir, c -> c); }

    void open() {
        storage = StorageEngine.open(StorageConfig.small(dir.resolve("db")));
        RaftHostConfig config = RaftHostConfig.defaults(nodeId, "127.0.0.1:" + port, dir.resolve("raft"))
                .withElectionTimeoutMin(200);
        host = RaftHost.open(tuning.apply(config), storage, Map.of(GroupKey.Kind.META, CounterStateMachine.factory()));
        host.start();
    }

    void restart() {
        close();
        open();
    }

    @Override
    public void close() {
        host.close();
        storage.close();
    }

    FragmentReply write(long fragmentId, long ts, FragmentOp... ops) {
        return FragmentReply.decode(host.call(GroupKey.fragment(fragmentId), new FragmentCommand(ts, List.of(ops)).encode()));
    }

    List<String> contents(long fragmentId) {
        List<KeyValue> kvs = storage.scan(FragmentKeys.prefix(fragmentId), FragmentKeys.storageEnd(fragmentId, null),
                Long.MAX_VALUE, 0);
        return kvs.stream().map(kv -> s(FragmentKeys.tableKey(kv.key())) + "=" + s(kv.value())).toList();
    }

    static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static String s(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

    static FragmentOp put(String k, String v) { return new FragmentOp.Put(b(k), b(v)); }

    static FragmentOp insert(String k, String v) { return new FragmentOp.PutIfAbsent(b(k), b(v)); }

    static FragmentOp delete(String k) { return new FragmentOp.Delete(b(k)); }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls a condition (not a fixed sleep) until it holds or the timeout passes. */
    static void await(String what, long timeoutMillis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
