package io.tessera.sql.engine;

import io.tessera.common.error.SqlException;
import io.tessera.sql.api.Cursor;
import io.tessera.sql.api.ResultColumn;
import io.tessera.sql.plan.BoundStatement;
import java.util.List;
import java.util.function.Consumer;

/** A cursor over a running statement; an error while pulling rows fails the transaction block. */
final class SqlCursor implements Cursor {
    private final List<ResultColumn> columns;
    private final BoundStatement.Execution execution;
    private final Consumer<RuntimeException> onError;
    private boolean done;

    SqlCursor(List<ResultColumn> columns, BoundStatement.Execution execution, Consumer<RuntimeException> onError) {
        this.columns = columns;
        this.execution = execution;
        this.onError = onError;
    }

    @Override public List<ResultColumn> columns() { return columns; }

    @Override
    public Object[] next() {
        if (done) {
            return null;
        }
        try {
            Object[] row = execution.next();
            if (row == null) {
                done = true;
            }
            return row;
        } catch (SqlException | IllegalStateException | ClassCastException | ArithmeticException e) {
            done = true;
            onError.accept(e);
            throw e;
        }
    }

    @Override
    public String commandTag() {
        return execution.commandTag();
    }

    @Override
    public void close() {
        done = true; // the implicit transaction, if any, ends at Sync (SqlSession.sync)
    }
}
