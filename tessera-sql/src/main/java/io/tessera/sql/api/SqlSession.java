package io.tessera.sql.api;

import io.tessera.common.types.SqlType;
import java.util.List;
import java.util.Map;

/**
 * One client session: its settings, its transaction and its prepared statements. Used by one
 * connection thread at a time; {@link #cancel()} may be called from any thread.
 *
 * <p>Example, a simple Query message: {@code for (String s : session.split(text)) { var p =
 * session.prepare(s, List.of()); try (var c = session.execute(p, List.of())) { ... } }}.
 */
public interface SqlSession extends AutoCloseable {

    /** Splits a simple-query string into its statements (quotes, comments and dollar quotes respected). */
    List<String> split(String sql);

    /**
     * Parses and plans one statement. {@code parameterTypeHints} are the client's types for $1..$n
     * (null entries, or fewer entries, mean "infer"). Throws SqlException with a position on a
     * syntax error (42601).
     */
    PreparedStatement prepare(String sql, List<SqlType> parameterTypeHints);

    /** Starts executing with bound parameter values (Java values of the parameter types). */
    Cursor execute(PreparedStatement statement, List<Object> parameters);

    /**
     * Sync, or the end of a simple Query: outside a transaction block, commits the implicit
     * transaction of the statements run since the last call (PostgreSQL's rule: a pipeline of
     * Executes is one transaction). Throws SqlException when that commit fails (e.g. 40001); the
     * caller reports it before ReadyForQuery.
     */
    void sync();

    TransactionStatus transactionStatus();

    /**
     * The reportable settings (ParameterStatus) that changed since the last call, e.g. after
     * {@code SET application_name = 'x'}; cleared by the call.
     */
    Map<String, String> drainParameterChanges();

    /**
     * NOTICE messages raised since the last call (e.g. DROP TABLE IF EXISTS of a missing table:
     * {@code table "x" does not exist, skipping}), to be sent as NoticeResponse before the
     * statement's CommandComplete; cleared by the call.
     */
    default List<String> drainNotices() {
        return List.of();
    }

    /** The current value of a setting as SHOW prints it, or null if unknown. */
    String setting(String name);

    /** Asks the running statement to stop with 57014 at its next check. */
    void cancel();

    /** Ends the session; an open transaction is rolled back. */
    @Override
    void close();
}
