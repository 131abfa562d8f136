package io.tessera.pgwire;

import io.tessera.common.types.SqlType;
import io.tessera.sql.api.PreparedStatement;
import io.tessera.sql.api.ResultColumn;
import java.util.List;

/**
 * A statement created by Parse.
 *
 * @param prepared null for an empty query string (Execute answers EmptyQueryResponse)
 * @param parameterTypes the types Bind must supply, one per parameter
 */
record PreparedEntry(String sql, PreparedStatement prepared, List<SqlType> parameterTypes) {

    PreparedEntry {
        parameterTypes = List.copyOf(parameterTypes);
    }

    boolean isEmptyQuery() { return prepared == null; }

    List<ResultColumn> resultColumns() {
        return prepared == null ? List.of() : prepared.resultColumns();
    }
}
