package io.tessera.cli.slt;

import io.tessera.server.HostPort;
import io.tessera.server.NodeConfig;
import io.tessera.server.TesseraNode;
import java.nio.file.Path;

/** Starts a real Tessera node in this process, on free loopback ports, for {@code tessera slt}. */
final class EmbeddedNode implements NodeStarter {
    private static final HostPort ANY_LOOPBACK_PORT = HostPort.parse("127.0.0.1:0");

    @Override
    public StartedNode start(Path dataDir) throws Exception {
        // Raft peers are named by their address, so the RPC port must be a real one, not 0.
        HostPort rpc = new HostPort("127.0.0.1", freePort());
        TesseraNode node = TesseraNode.start(new NodeConfig(dataDir, ANY_LOOPBACK_PORT, ANY_LOOPBACK_PORT, rpc));
        return new StartedNode() {
            @Override
            public int sqlPort() { return node.sqlPort(); }

            @Override
            public void close() { node.close(); }
        };
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
