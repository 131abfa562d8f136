package io.tessera.sql.engine;

import io.tessera.common.types.SqlType;
import io.tessera.sql.api.CopyOut;
import io.tessera.sql.plan.BoundStatement;
import io.tessera.sql.plan.CopyTarget;
import io.tessera.sql.plan.ExecContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code COPY ... TO STDOUT}: the rows of a planned query (the table's columns, or the query of
 * {@code COPY (query) TO}), one line per row in text or CSV format, pulled as the protocol layer
 * sends them.
 */
final class CopyToStdout implements CopyOut {
    private final BoundStatement.Execution rows;
    private final List<SqlType> types;
    private final List<String> names;
    private final CopyCodec codec;
    private final ExecContext ctx;
    private boolean headerPending;
    private long count;

    CopyToStdout(BoundStatement.Execution rows, List<SqlType> types, List<String> names, CopyCommand.CopyOptions options,
            ExecContext ctx) {
        this.rows = rows;
        this.types = List.copyOf(types);
        this.names = List.copyOf(names);
        this.codec = new CopyCodec(options);
        this.ctx = ctx;
        this.headerPending = options.header();
    }

    @Override
    public int columnCount() {
        return types.size();
    }

    @Override
    public byte[] next() {
        if (headerPending) {
            headerPending = false;
            return codec.line(names).getBytes(StandardCharsets.UTF_8);
        }
        Object[] row = rows.next();
        if (row == null) {
            return null;
        }
        List<String> fields = new ArrayList<>(row.length);
        for (int i = 0; i < row.length; i++) {
            fields.add(CopyTarget.text(row[i], types.get(i), ctx));
        }
        count++;
        return codec.line(fields).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public long rowCount() {
        return count;
    }
}
