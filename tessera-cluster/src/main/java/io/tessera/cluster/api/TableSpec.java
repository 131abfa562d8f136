package io.tessera.cluster.api;

import java.util.List;

/** What CREATE TABLE asks for; the catalog assigns ids and fragments. */
public record TableSpec(String name, List<ColumnDescriptor> columns, List<Integer> primaryKey, int fragmentCount,
        List<CheckConstraint> checks, int replicas) {

    /** {@code replicas} unsaid: min(3, live nodes) when the table is created. */
    public static final int REPLICAS_DEFAULT = 0;
    /** {@code replicas = 'all'}: a replica on every node, following the cluster as it grows. */
    public static final int REPLICAS_ALL = -1;
    /** The replication factor used when a table does not say. */
    public static final int REPLICAS_DEFAULT_COUNT = 3;

    /** A table without CHECK constraints. */
    public TableSpec(String name, List<ColumnDescriptor> columns, List<Integer> primaryKey, int fragmentCount) {
        this(name, columns, primaryKey, fragmentCount, List.of());
    }

    /** A table with the default replication. */
    public TableSpec(String name, List<ColumnDescriptor> columns, List<Integer> primaryKey, int fragmentCount,
            List<CheckConstraint> checks) {
        this(name, columns, primaryKey, fragmentCount, checks, REPLICAS_DEFAULT);
    }

    public TableSpec {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        checks = checks == null ? List.of() : List.copyOf(checks);
        if (fragmentCount < 1) {
            throw new IllegalArgumentException("fragmentCount must be at least 1: " + fragmentCount);
        }
        if (replicas < REPLICAS_ALL) {
            throw new IllegalArgumentException("replicas must be positive, default or all: " + replicas);
        }
    }
}
