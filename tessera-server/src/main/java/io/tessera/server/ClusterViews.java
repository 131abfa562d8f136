package io.tessera.server;

import io.tessera.cluster.api.Cluster;
import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.NodeDescriptor;
import io.tessera.cluster.api.Placement;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.encoding.ByteReader;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.Jsonb;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import io.tessera.kv.api.StorageNode;
import io.tessera.sql.spi.SqlFunction;
import io.tessera.sql.spi.SystemCatalogProvider;
import io.tessera.sql.spi.SystemColumn;
import io.tessera.sql.spi.SystemContext;
import io.tessera.sql.spi.SystemTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code tessera} schema: {@code tessera.nodes} and {@code tessera.fragments}, what an
 * operator asks first ("where is my data, who leads it, how far is it applied"), and the function
 * {@code tessera_decommission(node_id)}. The registry and placements come from this node's replica
 * of the metadata group; leaders, terms, applied indexes and sizes are asked of every live node at
 * each scan, so they are never staler than one round trip.
 */
final class ClusterViews implements SystemCatalogProvider {
    private static final SqlType TEXT_ARRAY = SqlType.of(TypeKind.TEXT_ARRAY);

    private final StorageNode storage;

    ClusterViews(StorageNode storage) {
        this.storage = storage;
    }

    @Override
    public List<SystemTable> tables() {
        return List.of(new Nodes(), new Fragments());
    }

    @Override
    public List<SqlFunction> functions() {
        return List.of(new Decommission());
    }

    private Cluster cluster() {
        return storage.cluster();
    }

    /** Per fragment, the leader's report if it answered, else any replica's. */
    private static Map<Long, Cluster.ReplicaStatus> bestStatus(List<Cluster.ReplicaStatus> statuses) {
        Map<Long, Cluster.ReplicaStatus> best = new HashMap<>();
        for (Cluster.ReplicaStatus s : statuses) {
            if (!s.meta()) {
                best.merge(s.fragmentId(), s, (a, b) -> b.leader() || (!a.leader() && b.term() > a.term()) ? b : a);
            }
        }
        return best;
    }

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
                    new SystemColumn("leaders", SqlType.INT8), new SystemColumn("meta_leader", SqlType.BOOL));
        }

        @Override
        public List<Object[]> rows(SystemContext context) {
            // Replicas: the members each fragment's Raft group has, as the catalog records them
            // (a node that is down still holds its replicas). Leaders: what the live nodes report.
            Map<String, Long> replicas = new HashMap<>();
            for (TableDescriptor table : context.catalog().tables()) {
                for (FragmentDescriptor f : table.fragments()) {
                    cluster().placement(f.id()).ifPresent(p -> p.members().forEach(n -> replicas.merge(n, 1L, Long::sum)));
                }
            }
            Map<String, Long> leaders = new HashMap<>();
            for (Cluster.ReplicaStatus s : cluster().replicaStatuses()) {
                if (!s.meta() && s.leader()) {
                    leaders.merge(s.nodeId(), 1L, Long::sum);
                }
            }
            Optional<String> metaLeader = cluster().metaLeader();
            List<Object[]> out = new ArrayList<>();
            for (NodeDescriptor n : cluster().nodes()) {
                out.add(new Object[] {n.id(), n.sqlAddress(), n.httpAddress(), n.rpcAddress(), labels(n), state(n),
                    Instant.ofEpochMilli(n.lastHeartbeatMillis()), replicas.getOrDefault(n.id(), 0L),
                    leaders.getOrDefault(n.id(), 0L), metaLeader.map(n.id()::equals).orElse(false)});
            }
            return out;
        }

        private String state(NodeDescriptor n) {
            return switch (n.adminState()) {
                case DECOMMISSIONING -> "decommissioning";
                case DECOMMISSIONED -> "decommissioned";
                case ACTIVE -> cluster().liveness(n).name().toLowerCase();
            };
        }

        private static Jsonb labels(NodeDescriptor n) {
            StringBuilder json = new StringBuilder("{");
            new TreeMap<>(n.labels()).forEach((k, v) -> {
                if (json.length() > 1) {
                    json.append(", ");
                }
                json.append('"').append(k).append("\": \"").append(v).append('"');
            });
            return new Jsonb(json.append('}').toString());
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
            Map<Long, Cluster.ReplicaStatus> status = bestStatus(cluster().replicaStatuses());
            List<Object[]> out = new ArrayList<>();
            for (TableDescriptor table : context.catalog().tables()) {
                for (FragmentDescriptor f : table.allFragments()) {
                    Cluster.ReplicaStatus s = status.get(f.id());
                    List<String> replicas = cluster().placement(f.id()).map(Placement::replicas)
                            .orElse(List.of(cluster().selfId()));
                    // An index's fragments are listed under the index's name (their tableId is the index id).
                    String owner = f.tableId() == table.id() ? table.name() : table.indexes().stream()
                            .filter(i -> i.id() == f.tableId()).map(i -> i.name()).findFirst().orElse(table.name());
                    out.add(new Object[] {owner, f.id(), hashSpan(f), replicas, s == null ? null : s.leaderId(),
                        s == null ? null : s.term(), s == null ? null : s.appliedIndex(), s == null ? null : s.sizeBytes()});
                }
            }
            return out;
        }
    }

    /** {@code tessera_decommission(node_id text) → text}: starts draining a node, returns its new state. */
    private final class Decommission implements SqlFunction {
        @Override public String name() { return "tessera_decommission"; }

        @Override
        public SqlType resultType(List<SqlType> argumentTypes) {
            if (argumentTypes.size() != 1) {
                throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function tessera_decommission takes one node id");
            }
            return SqlType.TEXT;
        }

        @Override
        public Object call(List<Object> arguments, SystemContext context) {
            return cluster().decommission(String.valueOf(arguments.get(0))).name().toLowerCase();
        }
    }

    /** Hash fragments own a range of the 32-bit key hash: printed as {@code hash [lo, hi)}. */
    private static String hashSpan(FragmentDescriptor f) {
        String lo = String.format("0x%08x", new ByteReader(f.startKey()).getInt());
        String hi = f.endKey() == null ? "0x100000000" : String.format("0x%08x", new ByteReader(f.endKey()).getInt());
        return "hash [" + lo + ", " + hi + ")";
    }
}
