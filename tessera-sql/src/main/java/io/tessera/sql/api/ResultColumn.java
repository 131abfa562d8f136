package io.tessera.sql.api;

import io.tessera.common.types.SqlType;

/**
 * A column of a result, as RowDescription describes it.
 *
 * @param tableOid the OID of the table the column comes from, 0 when it is computed
 * @param columnNumber the column's attnum in that table, 0 when computed
 */
public record ResultColumn(String name, SqlType type, int tableOid, int columnNumber) {
    public static ResultColumn computed(String name, SqlType type) {
        return new ResultColumn(name, type, 0, 0);
    }
}
