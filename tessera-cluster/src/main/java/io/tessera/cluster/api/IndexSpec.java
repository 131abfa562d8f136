package io.tessera.cluster.api;

import java.util.List;

/**
 * What CREATE INDEX asks for; the catalog assigns the id and the fragments (as many as the
 * table has, replicated like it).
 *
 * @param columns the key parts of table {@code tableId} in key order: column ids, and
 *     {@link IndexDescriptor#EXPRESSION} for an expression part
 * @param include ids of the INCLUDE columns
 * @param expressions one per expression part, in order
 */
public record IndexSpec(String name, long tableId, List<Integer> columns, List<Integer> include, boolean unique,
        List<IndexExpression> expressions) {
    /** An index of columns only. */
    public IndexSpec(String name, long tableId, List<Integer> columns, List<Integer> include, boolean unique) {
        this(name, tableId, columns, include, unique, List.of());
    }

    public IndexSpec {
        columns = List.copyOf(columns);
        include = include == null ? List.of() : List.copyOf(include);
        expressions = expressions == null ? List.of() : List.copyOf(expressions);
    }
}
