package io.tessera.pgwire;

import io.tessera.common.types.SqlType;
import io.tessera.sql.api.PreparedStatement;
import io.tessera.sql.api.ResultColumn;
import java.util.List;

/**
 * A statement created by Parse.
 *
 * @param prepared null for an empty query string (Execute answers EmptyQueryResponse)
 * @param parameterTypes the types on the wire, one per parameter: what the client declared in
 *     Parse (PostgreSQL keeps a declared type as the parameter's type), else what the engine
 *     inferred. ParameterDescription reports these and Bind decodes with them.
 * @param engineParameterTypes the types the engine wants the values in; where one differs from
 *     the wire type the value is converted through its text form, as a cast would
 */
record PreparedEntry(String sql, PreparedStatement prepared, List<SqlType> parameterTypes,
        List<SqlType> engineParameterTypes) {

    PreparedEntry {
        parameterTypes = List.copyOf(parameterTypes);
        engineParameterTypes = List.copyOf(engineParameterTypes);
        if (parameterTypes.size() != engineParameterTypes.size()) {
            throw new IllegalArgumentException("wire and engine parameter lists differ in length");
        }
    }

    boolean isEmptyQuery() { return prepared == null; }

    List<ResultColumn> resultColumns() {
        return prepared == null ? List.of() : prepared.resultColumns();
    }
}
