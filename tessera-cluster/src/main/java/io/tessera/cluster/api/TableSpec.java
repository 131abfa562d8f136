package io.tessera.cluster.api;

import java.util.List;

/** What CREATE TABLE asks for; the catalog assigns ids and fragments. */
public record TableSpec(String name, List<ColumnDescriptor> columns, List<Integer> primaryKey, int fragmentCount) {
    public TableSpec {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        if (fragmentCount < 1) {
            throw new IllegalArgumentException("fragmentCount must be at least 1: " + fragmentCount);
        }
    }
}
