package io.tessera.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.error.SqlException;
import io.tessera.common.types.SqlType;
import io.tessera.pgwire.api.PgWireCounters;
import io.tessera.sql.api.CopyIn;
import io.tessera.sql.api.CopyOut;
import io.tessera.sql.api.Cursor;
import io.tessera.sql.api.PreparedStatement;
import io.tessera.sql.api.ResultColumn;
import io.tessera.sql.api.SqlSession;
import io.tessera.sql.api.TransactionStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** COPY's message flow in the query processor, with a session whose COPY just collects or emits bytes. */
class CopyFramingTest {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final CopySession session = new CopySession();
    private final QueryProcessor processor = new QueryProcessor(session, new WireOutput(sink, 64 * 1024),
            PgWireCounters.NONE, 1, "Etc/UTC");
    private final Deque<RawMessage> client = new ArrayDeque<>();

    CopyFramingTest() {
        processor.copySource(client::poll);
    }

    private static RawMessage data(String s) { return new RawMessage('d', s.getBytes(StandardCharsets.UTF_8)); }

    private String sent() { return sink.toString(StandardCharsets.ISO_8859_1); }

    @Test
    void copyInFeedsEveryCopyDataUntilCopyDoneIgnoringFlushAndSync() throws IOException {
        client.add(data("1\t2\n"));
        client.add(new RawMessage('H', new byte[0]));
        client.add(data("3\t4\n"));
        client.add(new RawMessage('S', new byte[0]));
        client.add(new RawMessage('c', new byte[0]));
        processor.simpleQuery("copy in");
        assertThat(session.received.toString(StandardCharsets.UTF_8)).isEqualTo("1\t2\n3\t4\n");
        // CopyInResponse: text, 2 columns of format 0; then COPY 2 and ReadyForQuery.
        assertThat(sent()).startsWith("G\0\0\0\u000b\0\0\u0002\0\0\0\0").contains("C\0\0\0\u000bCOPY 2\0").endsWith("Z\0\0\0\u0005I");
    }

    @Test
    void anErrorInTheDataIsReportedAfterCopyDoneWithItsContext() throws IOException {
        client.add(data("bad\n"));
        client.add(data("more\n"));
        client.add(new RawMessage('c', new byte[0]));
        try {
            processor.simpleQuery("copy in");
        } catch (SqlException e) {
            processor.fail(ErrorNotice.of(e), false);
        }
        assertThat(client).isEmpty();
        assertThat(sent()).contains("C22P02\0").contains("WCOPY t, line 1\0").endsWith("Z\0\0\0\u0005I");
    }

    @Test
    void copyFailEndsWith57014() throws IOException {
        client.add(data("1\t2\n"));
        client.add(new RawMessage('f', "client gave up\0".getBytes(StandardCharsets.UTF_8)));
        try {
            processor.simpleQuery("copy in");
        } catch (SqlException e) {
            assertThat(e.sqlState()).isEqualTo("57014");
            assertThat(e.getMessage()).isEqualTo("COPY from stdin failed: client gave up");
        }
        assertThat(session.aborted).isTrue();
    }

    @Test
    void copyOutSendsOneCopyDataPerLineThenCopyDone() throws IOException {
        processor.simpleQuery("copy out");
        assertThat(sent()).startsWith("H\0\0\0\u0009\0\0\u0001\0\0").contains("d\0\0\0\u0008a\tb\n").contains("c\0\0\0\u0004")
                .contains("C\0\0\0\u000bCOPY 1\0");
    }

    /** A session that knows two statements: "copy in" (2 columns, fails on "bad") and "copy out" (one line). */
    private static final class CopySession implements SqlSession {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean aborted;

        @Override public List<String> split(String sql) { return List.of(sql); }

        @Override
        public PreparedStatement prepare(String sql, List<SqlType> hints) {
            return new PreparedStatement() {
                @Override public String sql() { return sql; }
                @Override public List<SqlType> parameterTypes() { return List.of(); }
                @Override public List<ResultColumn> resultColumns() { return List.of(); }
            };
        }

        @Override
        public Cursor execute(PreparedStatement statement, List<Object> parameters) {
            boolean in = statement.sql().equals("copy in");
            long[] rows = {0};
            CopyIn copyIn = new CopyIn() {
                @Override public int columnCount() { return 2; }

                @Override
                public void write(byte[] chunk) {
                    if (new String(chunk, StandardCharsets.UTF_8).startsWith("bad")) {
                        throw new SqlException("22P02", "invalid input syntax for type integer: \"bad\"").withContext("COPY t, line 1");
                    }
                    received.writeBytes(chunk);
                    rows[0]++;
                }

                @Override public long finish() { return rows[0]; }

                @Override public void abort() { aborted = true; }
            };
            List<byte[]> lines = new ArrayList<>(List.of("a\tb\n".getBytes(StandardCharsets.UTF_8)));
            CopyOut copyOut = new CopyOut() {
                @Override public int columnCount() { return 1; }
                @Override public byte[] next() { return lines.isEmpty() ? null : lines.remove(0); }
                @Override public long rowCount() { return 1; }
            };
            return new Cursor() {
                @Override public List<ResultColumn> columns() { return List.of(); }
                @Override public Object[] next() { return null; }
                @Override public String commandTag() { return "COPY " + (in ? rows[0] : 1); }
                @Override public CopyIn copyIn() { return in ? copyIn : null; }
                @Override public CopyOut copyOut() { return in ? null : copyOut; }
                @Override public void close() { }
            };
        }

        @Override public void sync() { }
        @Override public TransactionStatus transactionStatus() { return TransactionStatus.IDLE; }
        @Override public Map<String, String> drainParameterChanges() { return Map.of(); }
        @Override public String setting(String name) { return null; }
        @Override public void cancel() { }
        @Override public void close() { }
    }
}
