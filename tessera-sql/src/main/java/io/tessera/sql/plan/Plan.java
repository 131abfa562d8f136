package io.tessera.sql.plan;

import io.tessera.common.types.SqlType;
import java.util.List;

/** A bound operator tree: opened once per execution (or per outer row, for a correlated subquery). */
public interface Plan {

    /** A column of a plan's rows; tableOid/attnum describe where it comes from, 0 when computed. */
    record Column(String table, String name, SqlType type, int tableOid, int attnum) {
        public static Column computed(String name, SqlType type) {
            return new Column(null, name, type, 0, 0);
        }

        Column as(String newTable) {
            return new Column(newTable, name, type, tableOid, attnum);
        }
    }

    /** Rows pulled one at a time; null at the end. */
    interface Rows {
        Object[] next();
    }

    List<Column> columns();

    /** Starts producing rows; {@code outer} carries parameters and the rows of enclosing queries. */
    Rows open(Env outer);
}
