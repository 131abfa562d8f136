package io.tessera.cli.slt;

import java.sql.SQLException;

/**
 * What the runner needs from a database: run a statement, run a query and render its values by
 * type letter. An {@link SQLException} means the server refused or failed the SQL.
 */
interface SqlExecutor {

    void execute(String sql) throws SQLException;

    /**
     * Runs {@code sql} and renders every value with the letter of its column in {@code types}
     * (see {@link ValueFormat}). When the server returns a different number of columns than there
     * are letters, the rows are empty and {@link QueryOutput#columnCount()} tells how many came.
     */
    QueryOutput query(String sql, String types) throws SQLException;
}
