package io.tessera.sql.api;

import io.tessera.common.types.SqlType;
import java.util.List;

/**
 * One parsed and planned statement, ready to be executed many times with different parameters.
 * It stays valid after catalog changes: executing it re-plans when the catalog moved on.
 */
public interface PreparedStatement {

    String sql();

    /** The types of $1..$n, inferred where the client left them unspecified (OID 0). */
    List<SqlType> parameterTypes();

    /** The columns it returns; empty for a statement that returns no rows (NoData). */
    List<ResultColumn> resultColumns();
}
