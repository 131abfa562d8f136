package io.tessera.sql.engine;

import io.tessera.sql.api.CopyIn;
import io.tessera.sql.api.CopyOut;
import io.tessera.sql.api.Cursor;
import io.tessera.sql.api.ResultColumn;
import java.util.List;

/** The cursor of a COPY: no rows of its own, the data flows through its CopyIn or CopyOut. */
final class CopyCursor implements Cursor {
    private final CopyIn in;
    private final CopyOut out;
    private long inRows = -1;
    /** Ends the COPY's own transaction (autocommit): commits after the data is in, rolls back on abort. */
    private final Runnable commit;
    private final Runnable rollback;

    CopyCursor(CopyIn in, CopyOut out, Runnable commit, Runnable rollback) {
        this.in = in == null ? null : new CountingIn(in);
        this.out = out;
        this.commit = commit;
        this.rollback = rollback;
    }

    @Override public List<ResultColumn> columns() { return List.of(); }

    @Override public Object[] next() { return null; }

    @Override
    public String commandTag() {
        return "COPY " + (out != null ? out.rowCount() : Math.max(inRows, 0));
    }

    @Override public CopyIn copyIn() { return in; }

    @Override public CopyOut copyOut() { return out; }

    /** A COPY TO's rows are all read by the time the cursor closes. */
    @Override public void close() {
        commit.run();
    }

    /** Remembers the count {@code finish()} returned, for the command tag. */
    private final class CountingIn implements CopyIn {
        private final CopyIn delegate;

        CountingIn(CopyIn delegate) { this.delegate = delegate; }

        @Override public int columnCount() { return delegate.columnCount(); }

        @Override public void write(byte[] chunk) { delegate.write(chunk); }

        @Override
        public long finish() {
            inRows = delegate.finish();
            commit.run();
            return inRows;
        }

        @Override public void abort() {
            delegate.abort();
            rollback.run();
        }
    }
}
