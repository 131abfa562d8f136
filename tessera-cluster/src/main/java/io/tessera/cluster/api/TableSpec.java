package io.tessera.cluster.api;

import java.util.List;

/** What CREATE TABLE asks for; the catalog assigns ids and fragments. */
public record TableSpec(String name, List<ColumnDescriptor> columns, List<Integer> primaryKey, int fragmentCount,
        List<CheckConstraint> checks) {

    /** A table without CHECK constraints. */
    public TableSpec(String name, List<ColumnDescriptor> columns, List<Integer> primaryKey, int fragmentCount) {
        this(name, columns, primaryKey, fragmentCount, List.of());
    }

    public TableSpec {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        checks = checks == null ? List.of() : List.copyOf(checks);
        if (fragmentCount < 1) {
            throw new IllegalArgumentException("fragmentCount must be at least 1: " + fragmentCount);
        }
    }
}
