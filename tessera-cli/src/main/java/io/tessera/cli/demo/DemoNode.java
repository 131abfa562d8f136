package io.tessera.cli.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One node of the demo cluster: where its data lives, its three loopback ports, its region label
 * and the RPC address it joins (empty for the node that starts the cluster).
 */
record DemoNode(int number, Path dataDir, int sqlPort, int httpPort, int rpcPort, String region, Optional<String> join) {
    static final String HOST = "127.0.0.1";

    String name() {
        return "node" + number;
    }

    String sqlAddress() {
        return HOST + ":" + sqlPort;
    }

    String rpcAddress() {
        return HOST + ":" + rpcPort;
    }

    Path logFile() {
        return dataDir.resolve("node.log");
    }

    List<Integer> ports() {
        return List.of(sqlPort, httpPort, rpcPort);
    }

    /** The arguments of {@code tessera start} that run this node. */
    List<String> startArgs() {
        List<String> args = new ArrayList<>(List.of("start", "--data-dir", dataDir.toString(),
                "--sql-addr", sqlAddress(), "--http-addr", HOST + ":" + httpPort, "--rpc-addr", rpcAddress(),
                "--labels", "region=" + region));
        join.ifPresent(j -> args.addAll(List.of("--join", j)));
        return List.copyOf(args);
    }

    /** What a user types to reach this node with psql. */
    String psqlCommand() {
        return "psql -h " + HOST + " -p " + sqlPort + " -U tessera tessera";
    }
}
