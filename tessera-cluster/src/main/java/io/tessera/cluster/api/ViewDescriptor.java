package io.tessera.cluster.api;

import java.util.List;

/**
 * A view as the catalog knows it: its defining query as SQL text, expanded by the SQL layer each
 * time the view is referenced. Views share the namespace of tables and sequences.
 *
 * @param id assigned by the catalog from the same counter as table ids, so that OIDs derived from
 *     it never collide with a table's; ignored in {@link Catalog#createView}
 * @param query the SELECT text as the user wrote it (without a trailing semicolon)
 * @param columns the view's output columns, named and typed when the view was created (ids are
 *     positions, 1-based)
 * @param dependsOn the names of the tables the query reads; dropping one of them is refused while
 *     the view exists, as PostgreSQL does (2BP01)
 */
public record ViewDescriptor(long id, String name, String query, List<ColumnDescriptor> columns, List<String> dependsOn) {
    public ViewDescriptor {
        columns = List.copyOf(columns);
        dependsOn = List.copyOf(dependsOn);
    }

    public ViewDescriptor withId(long newId) {
        return new ViewDescriptor(newId, name, query, columns, dependsOn);
    }
}
