package io.tessera.cluster.api;

import java.util.List;

/**
 * What CREATE INDEX asks for; the catalog assigns the id and the fragments (as many as the
 * table has, replicated like it).
 *
 * @param columns ids of the indexed columns of table {@code tableId}, in key order
 * @param include ids of the INCLUDE columns
 */
public record IndexSpec(String name, long tableId, List<Integer> columns, List<Integer> include, boolean unique) {
    public IndexSpec {
        columns = List.copyOf(columns);
        include = include == null ? List.of() : List.copyOf(include);
    }
}
