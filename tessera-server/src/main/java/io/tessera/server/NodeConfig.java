package io.tessera.server;

import java.nio.file.Path;

/**
 * Everything one node needs to start. Defaults are those of ARCHITECTURE.md: data in
 * {@code ./tessera-data}, SQL on 127.0.0.1:7432 (PostgreSQL's 5432 shifted so both can run side
 * by side), RPC/Raft on 7433, HTTP on 7480; loopback by default so a fresh node is not exposed.
 */
public record NodeConfig(Path dataDir, HostPort sqlAddr, HostPort httpAddr, HostPort rpcAddr) {
    public static final String DEFAULT_DATA_DIR = "tessera-data";
    public static final String DEFAULT_SQL_ADDR = "127.0.0.1:7432";
    public static final String DEFAULT_HTTP_ADDR = "127.0.0.1:7480";
    public static final String DEFAULT_RPC_ADDR = "127.0.0.1:7433";

    public NodeConfig {
        if (dataDir == null) {
            throw new IllegalArgumentException("data directory is required");
        }
        boolean clash = sqlAddr.equals(httpAddr) || sqlAddr.equals(rpcAddr) || httpAddr.equals(rpcAddr);
        if (clash && sqlAddr.port() != 0 && httpAddr.port() != 0 && rpcAddr.port() != 0) {
            throw new IllegalArgumentException("--sql-addr, --http-addr and --rpc-addr must differ: "
                    + sqlAddr + ", " + httpAddr + ", " + rpcAddr);
        }
    }

    public static NodeConfig defaults() {
        return new NodeConfig(Path.of(DEFAULT_DATA_DIR), HostPort.parse(DEFAULT_SQL_ADDR),
                HostPort.parse(DEFAULT_HTTP_ADDR), HostPort.parse(DEFAULT_RPC_ADDR));
    }
}
