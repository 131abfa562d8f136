package io.tessera.sql.catalog;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.sql.spi.Oids;
import io.tessera.sql.spi.SqlFunction;
import io.tessera.sql.spi.SystemContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * has_table_privilege, has_schema_privilege and has_database_privilege, in their two-argument
 * (current user) and three-argument forms. Tessera's only role is the superuser, who holds every
 * privilege; the functions still reject unknown objects, roles and privilege names with
 * PostgreSQL's errors, so a client typo does not read as "granted".
 */
final class PrivilegeFunctions {
    private static final Set<String> TABLE_PRIVILEGES = Set.of("select", "insert", "update", "delete", "truncate",
            "references", "trigger", "maintain");
    private static final Set<String> SCHEMA_PRIVILEGES = Set.of("create", "usage");
    private static final Set<String> DATABASE_PRIVILEGES = Set.of("create", "connect", "temporary", "temp");

    private PrivilegeFunctions() {}

    static List<SqlFunction> all(PgCatalogProvider owner) {
        return List.of(
                Fn.strict("has_table_privilege", 2, 3, SqlType.BOOL, (a, c) -> {
                    checkRole(a, c);
                    checkPrivileges(last(a), TABLE_PRIVILEGES);
                    return DescribeFunctions.relation(owner.snapshot(c), object(a)).map(r -> true).orElse(null);
                }),
                Fn.strict("has_schema_privilege", 2, 3, SqlType.BOOL, (a, c) -> {
                    checkRole(a, c);
                    checkPrivileges(last(a), SCHEMA_PRIVILEGES);
                    return schemaExists(owner.snapshot(c), object(a));
                }),
                Fn.strict("has_database_privilege", 2, 3, SqlType.BOOL, (a, c) -> {
                    checkRole(a, c);
                    checkPrivileges(last(a), DATABASE_PRIVILEGES);
                    return databaseExists(c, object(a));
                }));
    }

    private static Object object(List<Object> arguments) {
        return arguments.get(arguments.size() - 2);
    }

    private static String last(List<Object> arguments) {
        return Args.text(arguments.get(arguments.size() - 1));
    }

    /** The three-argument form names a role: the superuser, by name or OID, or the session's user. */
    private static void checkRole(List<Object> arguments, SystemContext context) {
        if (arguments.size() < 3) {
            return;
        }
        Object role = arguments.get(0);
        boolean known = Args.isNumber(role) ? Args.oid(role) == Oids.SUPERUSER_OID
                : role.toString().equals(CatalogSnapshot.SUPERUSER_NAME) || role.toString().equals(context.user());
        if (!known) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "role \"" + role + "\" does not exist");
        }
    }

    /** A comma-separated list of privilege names, each optionally WITH GRANT OPTION. */
    private static void checkPrivileges(String text, Set<String> allowed) {
        for (String part : text.split(",")) {
            String privilege = part.strip().toLowerCase(Locale.ROOT).replaceFirst("\\s+with\\s+grant\\s+option$", "");
            if (!allowed.contains(privilege)) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                        "unrecognized privilege type: \"" + part.strip() + "\"");
            }
        }
    }

    private static Boolean schemaExists(CatalogSnapshot snapshot, Object schema) {
        if (Args.isNumber(schema)) {
            return snapshot.namespace(Args.oid(schema)).map(n -> true).orElse(null);
        }
        Optional<CatalogSnapshot.Namespace> namespace = snapshot.namespace(schema.toString());
        if (namespace.isEmpty()) {
            throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
        }
        return true;
    }

    private static Boolean databaseExists(SystemContext context, Object database) {
        if (Args.isNumber(database)) {
            return Args.oid(database) == Oids.DATABASE_OID ? Boolean.TRUE : null;
        }
        if (!database.toString().equals(SessionFunctions.database(context))) {
            throw new SqlException(SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist");
        }
        return true;
    }
}
