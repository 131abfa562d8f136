package io.tessera.cli.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the demo's three nodes live. From the base port (7432, the default SQL port) node i gets
 * SQL {@code base + 10(i-1)}, RPC one above it and HTTP 48 above it, so node 1 has the ports of a
 * lone {@code tessera start} (7432, 7433, 7480) and each next node shifts all three by ten.
 */
final class DemoLayout {
    static final int NODE_COUNT = 3;
    static final int DEFAULT_BASE_PORT = 7432;
    static final int PORT_STRIDE = 10;
    static final int RPC_OFFSET = 1;
    static final int HTTP_OFFSET = 48;
    static final List<String> REGIONS = List.of("eu", "us", "asia");

    private DemoLayout() {
    }

    /** The nodes in start order: node 1 founds the cluster, the others join it through its RPC port. */
    static List<DemoNode> of(Path dir, int basePort) {
        int highest = basePort + (NODE_COUNT - 1) * PORT_STRIDE + HTTP_OFFSET;
        if (basePort < 1 || highest > 65535) {
            throw new IllegalArgumentException("--base-port " + basePort + " leaves the demo's ports outside 1..65535"
                    + " (it uses up to base + " + (highest - basePort) + ")");
        }
        List<DemoNode> nodes = new ArrayList<>(NODE_COUNT);
        String founder = DemoNode.HOST + ":" + (basePort + RPC_OFFSET);
        for (int i = 0; i < NODE_COUNT; i++) {
            int sql = basePort + i * PORT_STRIDE;
            Optional<String> join = i == 0 ? Optional.empty() : Optional.of(founder);
            nodes.add(new DemoNode(i + 1, dir.resolve("node" + (i + 1)), sql, sql + HTTP_OFFSET, sql + RPC_OFFSET,
                    REGIONS.get(i), join));
        }
        return List.copyOf(nodes);
    }
}
