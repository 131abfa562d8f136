package io.tessera.pgwire;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import io.tessera.pgwire.FrontendMessage.Bind;
import io.tessera.pgwire.FrontendMessage.Close;
import io.tessera.pgwire.FrontendMessage.Describe;
import io.tessera.pgwire.FrontendMessage.Execute;
import io.tessera.pgwire.FrontendMessage.Parse;
import io.tessera.pgwire.api.PgWireCounters;
import io.tessera.sql.api.CopyIn;
import io.tessera.sql.api.CopyOut;
import io.tessera.sql.api.Cursor;
import io.tessera.sql.api.PreparedStatement;
import io.tessera.sql.api.ResultColumn;
import io.tessera.sql.api.SqlSession;
import io.tessera.sql.api.TransactionStatus;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query phase of one connection: simple queries, and the extended protocol's statements and
 * portals. One method per frontend message; each writes its answers into the connection's
 * {@link WireOutput} and leaves flushing to Sync, Flush and the end of a simple query.
 */
final class QueryProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(QueryProcessor.class);

    /** Named statements per connection; pgjdbc caches 256 and pgbench uses 7, so 10,000 only stops leaks. */
    static final int MAX_PREPARED_STATEMENTS = 10_000;
    /** Open portals per connection; clients hold a few cursors at once. */
    static final int MAX_PORTALS = 10_000;
    static final String UNNAMED = "";

    private final SqlSession session;
    private final WireOutput out;
    private final PgWireCounters counters;
    private final int processId;
    private final Map<String, PreparedEntry> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private ZoneId zone;
    private boolean skippingUntilSync;
    private CopySource copySource;

    /** Where the data of a COPY FROM STDIN comes from: the connection's next message. */
    interface CopySource {
        /** The next frontend message, or null at end of stream. */
        RawMessage next() throws IOException;
    }

    QueryProcessor(SqlSession session, WireOutput out, PgWireCounters counters, int processId, String timeZone) {
        this.session = session;
        this.out = out;
        this.counters = counters;
        this.processId = processId;
        this.zone = zoneOf(timeZone);
    }

    boolean skippingUntilSync() { return skippingUntilSync; }

    void copySource(CopySource source) { this.copySource = source; }

    ZoneId zone() { return zone; }

    // ------------------------------------------------------------ simple query

    void simpleQuery(String sql) throws IOException {
        // As PostgreSQL: a simple query drops the unnamed statement and portal.
        statements.remove(UNNAMED);
        dropPortal(UNNAMED);
        List<String> parts = isEmptyQuery(sql) ? List.of() : session.split(sql);
        boolean ranAny = false;
        int searchFrom = 0;
        for (String statement : parts) {
            int offset = sql.indexOf(statement, searchFrom);
            searchFrom = offset < 0 ? searchFrom : offset + statement.length();
            if (!isEmptyQuery(statement)) {
                runSimpleStatement(statement, Math.max(offset, 0));
                ranAny = true;
            }
        }
        if (!ranAny) {
            // Blank or comment-only text: PostgreSQL answers EmptyQueryResponse (pgjdbc's isValid() relies on it).
            out.emptyQueryResponse();
        }
        session.sync(); // the statements of one Query are one implicit transaction; a failed commit fails the Query
        readyForQuery();
        out.flush();
    }

    /** @param offset where the statement starts in the Query text, so error positions point into what the client sent */
    private void runSimpleStatement(String sql, int offset) throws IOException {
        PreparedStatement prepared;
        try {
            prepared = session.prepare(sql, List.of());
        } catch (SqlException e) {
            throw e.position() > 0 && offset > 0 ? e.withPosition(e.position() + offset) : e;
        }
        try (Cursor cursor = session.execute(prepared, List.of())) {
            if (cursor.copyIn() != null) {
                copyIn(cursor.copyIn());
                sendNotices();
                out.commandComplete(cursor.commandTag());
                reportParameterChanges();
                return;
            }
            if (cursor.copyOut() != null) {
                copyOut(cursor.copyOut());
                sendNotices();
                out.commandComplete(cursor.commandTag());
                return;
            }
            List<ResultColumn> columns = cursor.columns();
            if (!columns.isEmpty()) {
                List<FieldDescription> fields = new ArrayList<>(columns.size());
                for (ResultColumn c : columns) {
                    fields.add(FieldDescription.of(c, ValueCodec.TEXT));
                }
                out.rowDescription(fields);
            }
            Object[] row;
            while ((row = cursor.next()) != null) {
                out.dataRow(encodeRow(row, columns, null));
            }
            sendNotices();
            out.commandComplete(cursor.commandTag());
        }
        reportParameterChanges();
    }

    // ------------------------------------------------------------ extended query

    void parse(Parse m) throws IOException {
        String name = m.statementName();
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new SqlException(ProtocolErrors.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement \"" + name + "\" already exists");
        }
        if (!statements.containsKey(name) && statements.size() >= MAX_PREPARED_STATEMENTS) {
            throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "too many prepared statements on this connection (limit "
                    + MAX_PREPARED_STATEMENTS + ")").withHint("Close statements the application no longer uses.");
        }
        List<SqlType> hints = new ArrayList<>(m.parameterTypeOids().size());
        for (int i = 0; i < m.parameterTypeOids().size(); i++) {
            hints.add(hintType(m.parameterTypeOids().get(i), i + 1));
        }
        if (name.isEmpty()) {
            statements.remove(UNNAMED);
        }
        statements.put(name, prepare(m.sql(), hints));
        out.parseComplete();
    }

    private PreparedEntry prepare(String sql, List<SqlType> hints) {
        List<String> parts = isEmptyQuery(sql) ? List.of() : session.split(sql);
        if (parts.size() > 1) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        PreparedStatement prepared = parts.isEmpty() ? null : session.prepare(sql, hints);
        List<SqlType> inferred = prepared == null ? List.of() : prepared.parameterTypes();
        // The client may declare more parameters than the text uses; Bind must then supply them all.
        int count = Math.max(inferred.size(), hints.size());
        List<SqlType> wire = new ArrayList<>(count);
        List<SqlType> engine = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SqlType hint = i < hints.size() ? hints.get(i) : null;
            SqlType engineType = i < inferred.size() ? inferred.get(i) : null;
            SqlType wireType = hint != null ? hint : engineType != null ? engineType : SqlType.UNKNOWN;
            wire.add(wireType);
            engine.add(engineType != null ? engineType : wireType);
        }
        return new PreparedEntry(sql, prepared, wire, engine);
    }

    void bind(Bind m) throws IOException {
        if (m.portalName().isEmpty()) {
            dropPortal(UNNAMED);
        } else if (portals.containsKey(m.portalName())) {
            throw new SqlException(ProtocolErrors.DUPLICATE_CURSOR, "cursor \"" + m.portalName() + "\" already exists");
        } else if (portals.size() >= MAX_PORTALS) {
            throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "too many open portals on this connection (limit "
                    + MAX_PORTALS + ")");
        }
        PreparedEntry statement = statement(m.statementName());
        List<Object> parameters = bindParameters(m, statement);
        int columns = statement.resultColumns().size();
        List<Short> resultFormats = m.resultFormats();
        if (resultFormats.size() > 1 && resultFormats.size() != columns) {
            throw ProtocolErrors.error("bind message has " + resultFormats.size() + " result formats but query has "
                    + columns + " columns");
        }
        for (short f : resultFormats) {
            checkFormat(f);
        }
        portals.put(m.portalName(), new Portal(m.portalName(), statement, parameters, resultFormats));
        out.bindComplete();
    }

    private List<Object> bindParameters(Bind m, PreparedEntry statement) {
        List<byte[]> values = m.parameterValues();
        List<Short> formats = m.parameterFormats();
        if (formats.size() > 1 && formats.size() != values.size()) {
            throw ProtocolErrors.error("bind message has " + formats.size() + " parameter formats but "
                    + values.size() + " parameters");
        }
        List<SqlType> types = statement.parameterTypes();
        if (values.size() != types.size()) {
            throw ProtocolErrors.error("bind message supplies " + values.size() + " parameters, but prepared statement \""
                    + m.statementName() + "\" requires " + types.size());
        }
        List<Object> parameters = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            short format = formats.isEmpty() ? ValueCodec.TEXT : formats.get(formats.size() == 1 ? 0 : i);
            checkFormat(format);
            Object value = ValueCodec.decodeParameter(values.get(i), types.get(i), format, zone, i + 1);
            parameters.add(ValueCodec.convert(value, types.get(i), statement.engineParameterTypes().get(i), zone));
        }
        // Not List.copyOf: SQL NULL parameters are null elements.
        return java.util.Collections.unmodifiableList(parameters);
    }

    void describe(Describe m) throws IOException {
        switch (m.kind()) {
            case 'S' -> {
                PreparedEntry statement = statement(m.name());
                List<Integer> oids = new ArrayList<>();
                for (SqlType t : statement.parameterTypes()) {
                    oids.add(t.oid());
                }
                out.parameterDescription(oids);
                describeColumns(statement.resultColumns(), new Portal(m.name(), statement, List.of(), List.of()));
            }
            case 'P' -> {
                Portal portal = portal(m.name());
                describeColumns(portal.statement().resultColumns(), portal);
            }
            default -> throw ProtocolErrors.error("invalid DESCRIBE message subtype " + (int) m.kind());
        }
    }

    private void describeColumns(List<ResultColumn> columns, Portal formats) throws IOException {
        if (columns.isEmpty()) {
            out.noData();
        } else {
            out.rowDescription(formats.describe(columns));
        }
    }

    void execute(Execute m) throws IOException {
        Portal portal = portal(m.portalName());
        if (portal.statement().isEmptyQuery()) {
            out.emptyQueryResponse();
            return;
        }
        if (portal.isCompleted()) {
            // Running a finished portal again returns no rows, as PostgreSQL does.
            String tag = portal.completedTag();
            out.commandComplete(tag.startsWith("SELECT ") ? "SELECT 0" : tag);
            return;
        }
        try {
            runPortal(portal, m.maxRows() <= 0 ? Long.MAX_VALUE : m.maxRows());
        } catch (RuntimeException | Error e) {
            // A failed portal cannot be resumed; drop it so its cursor is released now.
            dropPortal(portal.name());
            throw e;
        }
    }

    private void runPortal(Portal portal, long maxRows) throws IOException {
        if (portal.cursor() == null) {
            portal.started(session.execute(portal.statement().prepared(), portal.parameters()));
        }
        Cursor cursor = portal.cursor();
        if (cursor.copyIn() != null) {
            cursor.copyIn().abort();
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM STDIN in the extended query protocol is not supported")
                    .withHint("Send COPY as a simple Query message.");
        }
        if (cursor.copyOut() != null) {
            copyOut(cursor.copyOut());
            portal.complete(cursor.commandTag());
            out.commandComplete(cursor.commandTag());
            return;
        }
        List<ResultColumn> columns = cursor.columns();
        if (portal.hasPerColumnFormats() && columns.size() != portal.statement().resultColumns().size()) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
        }
        long sent = 0;
        while (sent < maxRows) {
            Object[] row = cursor.next();
            if (row == null) {
                String tag = cursor.commandTag();
                // After a suspension PostgreSQL counts only the rows of the last Execute in the SELECT tag.
                if (portal.isSuspended() && tag.startsWith("SELECT ")) {
                    tag = "SELECT " + sent;
                }
                portal.complete(tag);
                sendNotices();
                out.commandComplete(tag);
                reportParameterChanges();
                return;
            }
            out.dataRow(encodeRow(row, columns, portal));
            sent++;
        }
        portal.suspend();
        out.portalSuspended();
    }

    // ------------------------------------------------------------ COPY

    /**
     * COPY FROM STDIN: CopyInResponse, then CopyData until CopyDone or CopyFail (Flush and Sync
     * are ignored meanwhile, as PostgreSQL does). An error in the data is reported once the client
     * has finished sending (CopyDone or CopyFail), so a client that streams everything before
     * reading, like libpq and pgjdbc, sees it; the connection stays usable.
     */
    private void copyIn(CopyIn sink) throws IOException {
        if (copySource == null) {
            sink.abort();
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM STDIN is not available on this connection");
        }
        out.copyResponse('G', sink.columnCount());
        out.flush();
        RuntimeException failure = null;
        while (true) {
            RawMessage m = copySource.next();
            if (m == null) {
                sink.abort();
                throw new java.io.EOFException("client closed the connection during COPY FROM STDIN");
            }
            counters.messageReceived(m.type());
            switch (m.type()) {
                case 'd' -> failure = failure != null ? failure : write(sink, m.body());
                case 'c' -> {
                    if (failure != null) {
                        throw failure;
                    }
                    sink.finish();
                    return;
                }
                case 'f' -> {
                    sink.abort();
                    if (failure != null) {
                        throw failure;
                    }
                    String reason = new PayloadReader(m.body()).readCString();
                    throw new SqlException(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + reason);
                }
                case 'H', 'S' -> { }
                default -> {
                    sink.abort();
                    throw ProtocolErrors.error(String.format("unexpected message type 0x%02X during COPY from stdin", (int) m.type()));
                }
            }
        }
    }

    /** Passes one CopyData on; returns the error it caused, or null. */
    private static RuntimeException write(CopyIn sink, byte[] data) {
        try {
            sink.write(data);
            return null;
        } catch (SqlException | IllegalStateException | ClassCastException | ArithmeticException e) {
            return e;
        }
    }

    /** COPY TO STDOUT: CopyOutResponse, one CopyData per line, CopyDone. */
    private void copyOut(CopyOut source) throws IOException {
        out.copyResponse('H', source.columnCount());
        byte[] chunk;
        while ((chunk = source.next()) != null) {
            out.copyData(chunk);
        }
        out.copyDone();
    }

    private void sendNotices() throws IOException {
        for (String notice : session.drainNotices()) {
            out.noticeResponse(ErrorNotice.notice("00000", notice));
        }
    }

    void close(Close m) throws IOException {
        switch (m.kind()) {
            case 'S' -> statements.remove(m.name());
            case 'P' -> dropPortal(m.name());
            default -> throw ProtocolErrors.error("invalid CLOSE message subtype " + (int) m.kind());
        }
        out.closeComplete();
    }

    /** Commits the implicit transaction (reporting a failed commit), then ReadyForQuery. */
    void sync() throws IOException {
        skippingUntilSync = false;
        try {
            session.sync();
        } catch (SqlException e) {
            if (e.fatal()) {
                throw e;
            }
            sendError(ErrorNotice.of(e));
        }
        readyForQuery();
        out.flush();
    }

    void flush() throws IOException {
        out.flush();
    }

    // ------------------------------------------------------------ errors and state

    /**
     * Reports a failed message. In the extended protocol the rest up to Sync is skipped (the
     * client pipelines, so later messages depend on this one); a simple query ends here.
     */
    void fail(ErrorNotice error, boolean extended) throws IOException {
        sendError(error);
        if (extended) {
            skippingUntilSync = true;
        } else {
            readyForQuery();
            out.flush();
        }
    }

    private void sendError(ErrorNotice error) throws IOException {
        out.errorResponse(error);
        counters.errorSent(error.sqlState());
    }

    /** Sends pending ParameterStatus, then ReadyForQuery; outside a transaction no portal survives. */
    void readyForQuery() throws IOException {
        reportParameterChanges();
        TransactionStatus status = session.transactionStatus();
        if (status == TransactionStatus.IDLE && !portals.isEmpty()) {
            closeAllPortals();
        }
        out.readyForQuery(status.code());
    }

    private void reportParameterChanges() throws IOException {
        Map<String, String> changes = session.drainParameterChanges();
        if (changes.isEmpty()) {
            return;
        }
        out.parameterStatuses(changes);
        String timeZone = changes.get("TimeZone");
        if (timeZone != null) {
            zone = zoneOf(timeZone);
        }
    }

    void closeAllPortals() {
        for (Portal p : portals.values()) {
            closeQuietly(p);
        }
        portals.clear();
    }

    private void dropPortal(String name) {
        Portal p = portals.remove(name);
        if (p != null) {
            closeQuietly(p);
        }
    }

    private void closeQuietly(Portal p) {
        try {
            p.close();
        } catch (RuntimeException e) {
            LOG.warn("pgwire pid={} closing portal failed portal={}", processId, p.name(), e);
        }
    }

    private PreparedEntry statement(String name) {
        PreparedEntry s = statements.get(name);
        if (s == null) {
            throw new SqlException(SqlState.INVALID_SQL_STATEMENT_NAME, name.isEmpty()
                    ? "unnamed prepared statement does not exist" : "prepared statement \"" + name + "\" does not exist");
        }
        return s;
    }

    private Portal portal(String name) {
        Portal p = portals.get(name);
        if (p == null) {
            throw new SqlException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        return p;
    }

    // ------------------------------------------------------------ values

    /** @param formats the portal whose result formats apply, or null for all text (simple query) */
    private byte[][] encodeRow(Object[] row, List<ResultColumn> columns, Portal formats) {
        if (row.length != columns.size()) {
            throw new IllegalStateException("row of " + row.length + " values for " + columns.size() + " columns");
        }
        byte[][] values = new byte[row.length][];
        for (int i = 0; i < row.length; i++) {
            short format = formats == null ? ValueCodec.TEXT : formats.format(i);
            values[i] = ValueCodec.encode(row[i], columns.get(i).type(), format, zone);
        }
        return values;
    }

    private static void checkFormat(short format) {
        if (format != ValueCodec.TEXT && format != ValueCodec.BINARY) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "unsupported format code: " + format);
        }
    }

    /** The type a Parse message declares for a parameter: 0 (or unknown) means "let the planner infer". */
    private static SqlType hintType(int oid, int parameterNumber) {
        if (oid == 0 || oid == TypeKind.UNKNOWN.oid()) {
            return null;
        }
        TypeKind kind = TypeKind.fromOid(oid);
        if (kind == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "parameter $" + parameterNumber
                    + " has type OID " + oid + ", which Tessera does not support");
        }
        return SqlType.of(kind);
    }

    /** An empty string or only semicolons and blanks: PostgreSQL answers EmptyQueryResponse. */
    static boolean isEmptyQuery(String sql) {
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c != ';' && !Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    static ZoneId zoneOf(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            LOG.warn("pgwire unknown TimeZone setting, formatting in UTC timeZone={}", timeZone);
            return ZoneOffset.UTC;
        }
    }
}
