package io.tessera.server;

import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.encoding.ByteReader;
import io.tessera.common.time.Clock;
import io.tessera.common.types.Jsonb;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import io.tessera.kv.api.StorageNode;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.GroupStatus;
import io.tessera.sql.spi.SqlFunction;
import io.tessera.sql.spi.SystemCatalogProvider;
import io.tessera.sql.spi.SystemColumn;
import io.tessera.sql.spi.SystemContext;
import io.tessera.sql.spi.SystemTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The {@code tessera} schema: {@code tessera.nodes} and {@code tessera.fragments}, what an
 * operator asks first ("where is my data, who leads it, how far is it applied"). Computed on each
 * scan from the catalog and this node's Raft groups, so it is never stale by more than a heartbeat.
 */
final class ClusterViews implements SystemCatalogProvider {
    private static final SqlType TEXT_ARRAY = SqlType.of(TypeKind.TEXT_ARRAY);

    private final StorageNode storage;
    private final NodeConfig config;
    private final Clock clock;
    /** The bound ports, known only once the node listens (a flag may ask for port 0). */
    private final IntSupplier sqlPort;
    private final IntSupplier httpPort;

    ClusterViews(StorageNode storage, NodeConfig config, Clock clock, IntSupplier sqlPort, IntSupplier httpPort) {
        this.storage = storage;
        this.config = config;
        this.clock = clock;
        this.sqlPort = sqlPort;
        this.httpPort = httpPort;
    }

    @Override
    public List<SystemTable> tables() {
        return List.of(new Nodes(), new Fragments());
    }

    @Override
    public List<SqlFunction> functions() {
        return List.of();
    }

    private List<FragmentRow> fragmentRows(SystemContext context) {
        List<FragmentRow> rows = new ArrayList<>();
        for (TableDescriptor table : context.catalog().tables()) {
            for (FragmentDescriptor f : table.fragments()) {
                GroupKey key = GroupKey.fragment(f.id());
                GroupStatus status = storage.raftHost().hasGroup(key) ? storage.raftHost().status(key) : null;
                rows.add(new FragmentRow(table.name(), f, status));
            }
        }
        return rows;
    }

    private record FragmentRow(String table, FragmentDescriptor fragment, GroupStatus status) {}

    private final class Nodes implements SystemTable {
        @Override public String schema() { return "tessera"; }

        @Override public String name() { return "nodes"; }

        @Override public int oid() { return 13101; }

        @Override
        public List<SystemColumn> columns() {
            return List.of(new SystemColumn("node_id", SqlType.TEXT), new SystemColumn("sql_addr", SqlType.TEXT),
                    new SystemColumn("http_addr", SqlType.TEXT), new SystemColumn("rpc_addr", SqlType.TEXT),
                    new SystemColumn("labels", SqlType.JSONB), new SystemColumn("state", SqlType.TEXT),
                    new SystemColumn("last_heartbeat", SqlType.TIMESTAMPTZ), new SystemColumn("replicas", SqlType.INT8),
                    new SystemColumn("leaders", SqlType.INT8));
        }

        @Override
        public List<Object[]> rows(SystemContext context) {
            List<FragmentRow> fragments = fragmentRows(context);
            long replicas = fragments.stream().filter(r -> r.status() != null).count();
            long leaders = fragments.stream().filter(r -> r.status() != null && r.status().leader()).count();
            // A single node hears its own heartbeat continuously: it is live as of now.
            return List.<Object[]>of(new Object[] {storage.nodeId(), config.sqlAddr().host() + ":" + sqlPort.getAsInt(),
                config.httpAddr().host() + ":" + httpPort.getAsInt(), storage.rpcAddress(), new Jsonb("{}"), "live",
                Instant.ofEpochMilli(clock.nowMillis()), replicas, leaders});
        }
    }

    private final class Fragments implements SystemTable {
        @Override public String schema() { return "tessera"; }

        @Override public String name() { return "fragments"; }

        @Override public int oid() { return 13102; }

        @Override
        public List<SystemColumn> columns() {
            return List.of(new SystemColumn("table_name", SqlType.TEXT), new SystemColumn("fragment_id", SqlType.INT8),
                    new SystemColumn("key_span", SqlType.TEXT), new SystemColumn("replicas", TEXT_ARRAY),
                    new SystemColumn("leader", SqlType.TEXT), new SystemColumn("raft_term", SqlType.INT8),
                    new SystemColumn("applied_index", SqlType.INT8), new SystemColumn("size_bytes", SqlType.INT8));
        }

        @Override
        public List<Object[]> rows(SystemContext context) {
            List<Object[]> out = new ArrayList<>();
            for (FragmentRow r : fragmentRows(context)) {
                GroupStatus s = r.status();
                out.add(new Object[] {r.table(), r.fragment().id(), hashSpan(r.fragment()),
                    s == null ? List.of() : s.peers(), s == null ? null : s.leaderId(), s == null ? null : s.term(),
                    s == null ? null : s.appliedIndex(), storage.fragmentSizeBytes(r.fragment().id())});
            }
            return out;
        }
    }

    /** Hash fragments own a range of the 32-bit key hash: printed as {@code hash [lo, hi)}. */
    private static String hashSpan(FragmentDescriptor f) {
        String lo = String.format("0x%08x", new ByteReader(f.startKey()).getInt());
        String hi = f.endKey() == null ? "0x100000000" : String.format("0x%08x", new ByteReader(f.endKey()).getInt());
        return "hash [" + lo + ", " + hi + ")";
    }
}
