package io.tessera.sql.catalog;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.sql.spi.SqlFunction;
import io.tessera.sql.spi.SystemContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Functions about the session and the server: current_setting, current_database, current_schemas,
 * the backend process id, the start time, recovery state, identifier quoting and encodings.
 */
final class SessionFunctions {
    /**
     * The session setting that carries the BackendKeyData process id; pgwire reports it, the
     * engine's SystemContext passes it through (PostgreSQL has no such setting).
     */
    static final String BACKEND_PID_SETTING = "tessera.backend_pid";

    /** PostgreSQL's encoding numbers (pg_wchar.h) of the encodings a client may name. */
    private static final Map<Integer, String> ENCODINGS = Map.of(0, "SQL_ASCII", 6, "UTF8", 8, "LATIN1");

    private SessionFunctions() {}

    static List<SqlFunction> all(Instant startTime) {
        return List.of(
                Fn.strict("current_setting", 1, 2, SqlType.TEXT, (a, c) -> setting(c, Args.text(a.get(0)),
                        a.size() > 1 && Args.bool(a.get(1)))),
                Fn.strict("current_database", 0, SqlType.NAME, (a, c) -> database(c)),
                Fn.strict("current_catalog", 0, SqlType.NAME, (a, c) -> database(c)),
                Fn.strict("current_user", 0, SqlType.NAME, (a, c) -> c.user()),
                Fn.strict("session_user", 0, SqlType.NAME, (a, c) -> c.user()),
                Fn.strict("current_schema", 0, SqlType.NAME, (a, c) -> "public"),
                Fn.strict("current_schemas", 1, SqlType.of(io.tessera.common.types.TypeKind.TEXT_ARRAY),
                        (a, c) -> currentSchemas(c, Args.bool(a.get(0)))),
                Fn.strict("pg_backend_pid", 0, SqlType.INT4, (a, c) -> backendPid(c)),
                Fn.strict("pg_postmaster_start_time", 0, SqlType.TIMESTAMPTZ, (a, c) -> startTime),
                Fn.strict("pg_is_in_recovery", 0, SqlType.BOOL, (a, c) -> false),
                Fn.strict("quote_ident", 1, SqlType.TEXT, (a, c) -> Identifiers.quote(Args.text(a.get(0)))),
                Fn.strict("pg_encoding_to_char", 1, SqlType.NAME, (a, c) ->
                        ENCODINGS.getOrDefault(Args.int4(a.get(0)), "")),
                Fn.strict("pg_char_to_encoding", 1, SqlType.INT4, (a, c) -> encodingNumber(Args.text(a.get(0)))));
    }

    static String database(SystemContext context) {
        return context.database() == null ? CatalogSnapshot.DATABASE_NAME : context.database();
    }

    private static String setting(SystemContext context, String name, boolean missingOk) {
        String value = context.setting(name);
        if (value == null && !missingOk) {
            throw new SqlException(SqlState.UNDEFINED_PARAMETER, "unrecognized configuration parameter \"" + name + "\"");
        }
        return value;
    }

    /**
     * The schemas of search_path that exist, pg_catalog first when implicit schemas are asked for
     * (pg_catalog is searched first unless search_path names it).
     */
    static List<String> currentSchemas(SystemContext context, boolean includeImplicit) {
        String path = context.setting("search_path");
        List<String> schemas = new ArrayList<>();
        for (String part : (path == null ? "\"$user\", public" : path).split(",")) {
            String name = part.strip();
            if (name.startsWith("\"") && name.endsWith("\"") && name.length() > 1) {
                name = name.substring(1, name.length() - 1);
            }
            if (name.equals("$user")) {
                // Only a user schema may stand for "$user", and public, the only one, cannot be a
                // role's name: the system schema tessera must not become the role tessera's default.
                continue;
            }
            String schema = name;
            boolean exists = CatalogSnapshot.NAMESPACES.stream().anyMatch(n -> n.name().equals(schema));
            if (exists && !schemas.contains(schema)) {
                schemas.add(schema);
            }
        }
        if (includeImplicit && !schemas.contains("pg_catalog")) {
            schemas.add(0, "pg_catalog");
        }
        return List.copyOf(schemas);
    }

    private static int backendPid(SystemContext context) {
        String pid = context.setting(BACKEND_PID_SETTING);
        if (pid == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "pg_backend_pid() is not available: the session does not report " + BACKEND_PID_SETTING);
        }
        return Args.int4(pid);
    }

    private static int encodingNumber(String name) {
        String normalized = name.replace("-", "").replace("_", "").toUpperCase(java.util.Locale.ROOT);
        for (Map.Entry<Integer, String> e : ENCODINGS.entrySet()) {
            if (e.getValue().replace("_", "").equals(normalized)) {
                return e.getKey();
            }
        }
        return -1;
    }
}
