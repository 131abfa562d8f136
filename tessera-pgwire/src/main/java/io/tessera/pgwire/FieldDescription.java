package io.tessera.pgwire;

import io.tessera.sql.api.ResultColumn;

/** One field of a RowDescription. */
record FieldDescription(String name, int tableOid, int columnNumber, int typeOid, int typeLength,
        int typeModifier, int format) {

    static FieldDescription of(ResultColumn column, int format) {
        return new FieldDescription(column.name(), column.tableOid(), column.columnNumber(),
                column.type().oid(), column.type().kind().byteLength(), column.type().typmod(), format);
    }
}
