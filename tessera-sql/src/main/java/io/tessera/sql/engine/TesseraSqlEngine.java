package io.tessera.sql.engine;

import io.tessera.cluster.api.Catalog;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.time.Clock;
import io.tessera.kv.api.TransactionalKvStore;
import io.tessera.sql.api.SqlEngine;
import io.tessera.sql.api.SqlSession;
import io.tessera.sql.plan.Functions;
import io.tessera.sql.plan.IndexExpressions;
import io.tessera.sql.plan.SystemTables;
import io.tessera.sql.spi.SqlFunction;
import io.tessera.sql.spi.SystemCatalogProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL layer of one node. One database, {@code tessera}, with one superuser, {@code tessera}
 * (authentication itself is the wire layer's job).
 */
public final class TesseraSqlEngine implements SqlEngine {
    public static final String DATABASE = "tessera";
    public static final String SUPERUSER = "tessera";

    private final Catalog catalog;
    private final TransactionalKvStore kv;
    private final Clock clock;
    private final RowIds rowIds;
    private final SystemTables systemTables;
    private final Functions functions;
    /** Evaluates expression key parts of indexes for every session's store; shared so its bindings are reused. */
    private final IndexExpressions indexExpressions;

    public TesseraSqlEngine(Catalog catalog, TransactionalKvStore kv, Clock clock, List<SystemCatalogProvider> providers) {
        this.catalog = catalog;
        this.kv = kv;
        this.clock = clock;
        this.rowIds = new RowIds(catalog, clock);
        this.systemTables = new SystemTables(providers);
        List<SqlFunction> fns = new ArrayList<>();
        for (SystemCatalogProvider p : providers) {
            fns.addAll(p.functions());
        }
        this.functions = new Functions(fns);
        this.indexExpressions = new IndexExpressions(catalog, systemTables, functions);
    }

    @Override
    public SqlSession openSession(String user, String database, Map<String, String> startupParameters) {
        if (!DATABASE.equals(database)) {
            throw new SqlException(SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist").asFatal();
        }
        if (!SUPERUSER.equals(user)) {
            throw new SqlException(SqlState.INVALID_AUTHORIZATION, "role \"" + user + "\" does not exist").asFatal();
        }
        TesseraSession session = new TesseraSession(this, user);
        for (Map.Entry<String, String> p : startupParameters.entrySet()) {
            session.adoptStartupParameter(p.getKey(), p.getValue());
        }
        return session;
    }

    @Override
    public Map<String, String> initialParameterStatus(SqlSession session) {
        return ((TesseraSession) session).reportedSettings();
    }

    Catalog catalog() { return catalog; }

    TransactionalKvStore kv() { return kv; }

    /** The writes in flight through this engine's sessions, which CREATE INDEX waits out. */
    private final io.tessera.sql.store.WriteFence writeFence = new io.tessera.sql.store.WriteFence();

    io.tessera.sql.store.WriteFence writeFence() { return writeFence; }

    Clock clock() { return clock; }

    long nextRowId() { return rowIds.next(); }

    SystemTables systemTables() { return systemTables; }

    Functions functions() { return functions; }

    IndexExpressions indexExpressions() { return indexExpressions; }
}
