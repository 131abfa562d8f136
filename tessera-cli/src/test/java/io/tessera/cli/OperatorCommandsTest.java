package io.tessera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.server.HostPort;
import io.tessera.server.NodeConfig;
import io.tessera.server.TesseraNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code status} and {@code node} against a real node in this JVM, through pgjdbc like the commands themselves. */
class OperatorCommandsTest {
    @TempDir
    static Path dataDir;
    private static TesseraNode node;
    private static String host;

    @BeforeAll
    static void startNode() throws Exception {
        int rpcPort;
        try (ServerSocket s = new ServerSocket(0)) {
            rpcPort = s.getLocalPort();
        }
        HostPort anyPort = HostPort.parse("127.0.0.1:0");
        node = TesseraNode.start(new NodeConfig(dataDir, anyPort, anyPort, new HostPort("127.0.0.1", rpcPort)));
        host = "127.0.0.1:" + node.sqlPort();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    /** Output and status of a command run the way Main runs it. */
    private record Run(int status, String out, String err) {
    }

    private static Run run(Callable<Integer> command, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = new CommandLine(command).execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static List<String> columnsOf(String view) throws Exception {
        try (Connection c = NodeConnection.open(host, "tessera"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + view)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                names.add(md.getColumnLabel(i));
            }
            return names;
        }
    }

    @Test
    void statusPrintsEveryColumnOfBothViewsInOrder() throws Exception {
        Run r = run(new StatusCommand(), "--host", host);
        assertThat(r.status()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Nodes");
        assertThat(lines.get(1).split(" +")).containsExactlyElementsOf(columnsOf("tessera.nodes"));
        int fragments = lines.indexOf("Fragments");
        assertThat(lines.get(fragments + 1).split(" +")).containsExactlyElementsOf(columnsOf("tessera.fragments"));
        assertThat(lines.get(4)).isEqualTo("(1 row)");
    }

    @Test
    void nodeListPrintsTheNodesView() throws Exception {
        Run r = run(new NodeCommand.ListNodes(), "--host", host);
        assertThat(r.status()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow().split(" +")).containsExactlyElementsOf(columnsOf("tessera.nodes"));
        assertThat(r.out().lines().toList()).hasSize(4).last().isEqualTo("(1 row)");
    }

    @Test
    void decommissionRefusedByTheServerPrintsItsMessage() {
        Run r = run(new NodeCommand.Decommission(), "no-such-node", "--host", host, "--timeout", "1s");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("tessera node decommission: ").contains("SQLSTATE 42").doesNotContain("\tat ");
    }

    @Test
    void statusOfAnUnreachableNodeIsOneLine() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Run r = run(new StatusCommand(), "--host", "127.0.0.1:" + closedPort);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("tessera status: cannot connect to 127.0.0.1:" + closedPort).doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);
    }
}
