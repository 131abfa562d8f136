package io.tessera.replication.impl;

import static io.tessera.replication.impl.TestNode.b;
import static io.tessera.replication.impl.TestNode.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node-to-node RPC served on the Raft port, between two in-process hosts. */
class NodeRpcTest {
    @TempDir Path dir;
    TestNode a;
    TestNode b;

    @BeforeEach
    void open() {
        a = new TestNode(dir.resolve("a"), "a", c -> c);
        b = new TestNode(dir.resolve("b"), "b", c -> c);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void aRegisteredHandlerAnswersAndItsSqlStateReachesTheCaller() {
        // Registered after start: handlers may come and go while the host runs.
        b.host.registerRpc("echo", req -> b("echo:" + s(req)));
        b.host.registerRpc("reject", req -> {
            throw new SqlException("42P07", "relation exists");
        });
        String address = b.host.self().address();

        assertThat(s(a.host.callRpc(address, "echo", b("hi")).join())).isEqualTo("echo:hi");
        assertThat(a.host.callRpc(address, "echo", new byte[0]).join()).isEqualTo(b("echo:"));
        assertThat(sqlState(() -> a.host.callRpc(address, "reject", new byte[0]).join())).isEqualTo("42P07");
        assertThat(sqlState(() -> a.host.callRpc(address, "nope", new byte[0]).join())).isEqualTo("0A000");

        b.close();
        assertThat(sqlState(() -> a.host.callRpc(address, "echo", new byte[0]).join())).isEqualTo("08006");
        b.open();
    }

    private static String sqlState(Runnable call) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(call::run).isInstanceOf(CompletionException.class).satisfies(e -> thrown[0] = e.getCause());
        assertThat(thrown[0]).isInstanceOf(SqlException.class);
        return ((SqlException) thrown[0]).sqlState();
    }
}
