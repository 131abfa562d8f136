package io.tessera.sql.plan;

import io.tessera.cluster.api.Catalog;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.sql.spi.SystemContext;
import io.tessera.sql.store.RowStore;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.LongSupplier;

/**
 * What one execution of a statement sees: its parameter values, the session's time zone and
 * settings, the store, the statement's start time (now() is constant within a statement, as in
 * PostgreSQL) and its interruption: null while it may run on, else why it must stop (a cancel
 * request, statement_timeout).
 */
public record ExecContext(List<Object> parameters, ZoneId zone, Instant statementTime, Catalog catalog,
        RowStore store, SystemContext system, SettingsWriter settings, Supplier<String> interruption,
        LongSupplier rowIds) {

    /** Changes a session setting from SQL (set_config); returns the new value as SHOW prints it. */
    public interface SettingsWriter {
        String set(String name, String value, boolean local);
    }

    public void checkCancel() {
        String reason = interruption.get();
        if (reason != null) {
            throw new SqlException(SqlState.QUERY_CANCELED, reason);
        }
    }

    /** 25006 when the transaction is READ ONLY (transaction_read_only on): {@code command} would write. */
    public void checkWritable(String command) {
        if ("on".equals(system.setting("transaction_read_only"))) {
            throw new SqlException("25006", "cannot execute " + command + " in a read-only transaction");
        }
    }

    public Object parameter(int index) {
        if (index < 1 || index > parameters.size()) {
            throw new SqlException(SqlState.PROTOCOL_VIOLATION, "there is no parameter $" + index);
        }
        return parameters.get(index - 1);
    }
}
