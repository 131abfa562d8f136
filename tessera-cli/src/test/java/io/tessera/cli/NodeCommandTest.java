package io.tessera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NodeCommandTest {

    private static NodeCommand.Decommission parse(String... args) {
        NodeCommand.Decommission cmd = new NodeCommand.Decommission();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    @Test
    void decommissionWaitsByDefault() {
        NodeCommand.Decommission cmd = parse("n2");
        assertThat(cmd.nodeId).isEqualTo("n2");
        assertThat(cmd.await).isTrue();
        assertThat(cmd.timeout).isEqualTo("10m");
        assertThat(cmd.host).isEqualTo("127.0.0.1:7432");
        assertThat(parse("n2", "--wait").await).isTrue();
        assertThat(parse("n2", "--no-wait").await).isFalse();
    }

    @Test
    void badTimeoutIsAUsageError() throws Exception {
        assertThat(parse("n2", "--timeout", "forever").call()).isEqualTo(2);
    }

    @Test
    void unreachableNodeIsAnOperatingErrorWithoutStackTrace() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThat(parse("n2", "--host", "127.0.0.1:" + closedPort).call()).isEqualTo(1);
        NodeCommand.ListNodes list = new NodeCommand.ListNodes();
        new CommandLine(list).parseArgs("--host", "127.0.0.1:" + closedPort);
        assertThat(list.call()).isEqualTo(1);
    }

    @Test
    void nodeWithoutSubcommandIsAUsageError() {
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        assertThat(cl.execute("node")).isEqualTo(2);
    }
}
