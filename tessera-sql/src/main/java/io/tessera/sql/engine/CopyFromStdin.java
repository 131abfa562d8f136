package io.tessera.sql.engine;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.sql.api.CopyIn;
import io.tessera.sql.plan.CopyTarget;
import io.tessera.sql.plan.Env;
import io.tessera.sql.plan.ExecContext;
import io.tessera.sql.store.RowChange;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code COPY t FROM STDIN}: records are cut from the incoming chunks, converted to rows and
 * written in batches of {@link #BATCH_ROWS} (the store splits a batch further to stay under the
 * KV write limits), never one Raft write per row. Errors carry PostgreSQL's context
 * ({@code COPY t, line 3, column a: "x"}); after one, nothing more is accepted.
 */
final class CopyFromStdin implements CopyIn {
    /** Rows per store write: about 0.5 to 1 MiB for typical rows, so a 100,000-row load is ~20 Raft writes per fragment. */
    static final int BATCH_ROWS = 5_000;
    /** Longest line excerpt quoted in an error's context, as PostgreSQL shortens it too. */
    private static final int CONTEXT_CHARS_MAX = 100;

    private final CopyTarget target;
    private final CopyCodec codec;
    private final boolean header;
    private final ExecContext ctx;
    private final Env root;
    private final Consumer<RuntimeException> onError;
    private final List<RowChange> batch = new ArrayList<>();
    /** The input line of each row in {@link #batch}, to name the line of a duplicate key. */
    private final List<Long> batchLines = new ArrayList<>();
    private long line;
    private long rows;
    private boolean failed;

    CopyFromStdin(CopyTarget target, CopyCommand.CopyOptions options, ExecContext ctx, Consumer<RuntimeException> onError) {
        this.target = target;
        this.codec = new CopyCodec(options);
        this.header = options.header();
        this.ctx = ctx;
        this.root = Env.root(ctx);
        this.onError = onError;
    }

    @Override
    public int columnCount() {
        return target.fieldCount();
    }

    @Override
    public void write(byte[] chunk) {
        if (failed) {
            return;
        }
        guarded(() -> {
            for (String record : codec.feed(chunk)) {
                record(record);
            }
        });
    }

    @Override
    public long finish() {
        if (failed) {
            throw new IllegalStateException("COPY already failed");
        }
        guarded(() -> {
            String last = codec.rest();
            if (last != null) {
                record(last);
            }
            flush();
        });
        return rows;
    }

    @Override
    public void abort() {
        failed = true;
        batch.clear();
        batchLines.clear();
    }

    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (SqlException | IllegalStateException | ClassCastException | ArithmeticException e) {
            abort();
            onError.accept(e);
            throw e;
        }
    }

    private void record(String record) {
        line++;
        if (header && line == 1) {
            return;
        }
        List<String> fields;
        try {
            fields = codec.fields(record);
        } catch (SqlException e) {
            throw e.withContext(lineContext(record));
        }
        int n = target.fieldCount();
        if (fields.size() > n) {
            throw new SqlException(SqlState.BAD_COPY_FILE_FORMAT, "extra data after last expected column")
                    .withContext(lineContext(record));
        }
        if (fields.size() < n) {
            throw new SqlException(SqlState.BAD_COPY_FILE_FORMAT, "missing data for column \"" + target.fieldColumn(fields.size())
                    + "\"").withContext(lineContext(record));
        }
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            try {
                values[i] = target.value(i, fields.get(i), ctx);
            } catch (SqlException e) {
                throw e.withContext(context() + ", column " + target.fieldColumn(i) + ": \"" + excerpt(fields.get(i)) + "\"");
            }
        }
        try {
            batch.add(new RowChange.Insert(target.row(values, root)));
            batchLines.add(line);
        } catch (SqlException e) {
            throw e.withContext(lineContext(record));
        }
        rows++;
        if (batch.size() >= BATCH_ROWS) {
            flush();
        }
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        ctx.checkCancel();
        try {
            ctx.store().apply(target.table(), batch);
        } catch (SqlException e) {
            throw e.withContext("COPY " + target.table().name() + ", line " + lineOf(e));
        }
        batch.clear();
        batchLines.clear();
    }

    /** The line a batch error is about: for a duplicate key, the row its detail names; else the last line read. */
    private long lineOf(SqlException e) {
        if (SqlState.UNIQUE_VIOLATION.equals(e.sqlState()) && e.detail() != null) {
            // From the end: a key repeated within the batch is reported at its second occurrence.
            for (int i = batch.size() - 1; i >= 0; i--) {
                String key = target.keyText(((RowChange.Insert) batch.get(i)).row(), ctx);
                if (e.detail().startsWith(key + " ")) {
                    return batchLines.get(i);
                }
            }
        }
        return line;
    }

    private String context() {
        return "COPY " + target.table().name() + ", line " + line;
    }

    private String lineContext(String record) {
        return context() + ": \"" + excerpt(record) + "\"";
    }

    private static String excerpt(String s) {
        return s == null ? "" : s.length() <= CONTEXT_CHARS_MAX ? s : s.substring(0, CONTEXT_CHARS_MAX) + "...";
    }
}
