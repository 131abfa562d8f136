package io.tessera.sql.catalog;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.sql.catalog.BuiltinTypes.TypeInfo;
import io.tessera.sql.catalog.CatalogSnapshot.Namespace;
import io.tessera.sql.catalog.CatalogSnapshot.Relation;
import io.tessera.sql.spi.SqlFunction;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The object-identifier types' input and output ({@code regclassin}, {@code regclassout},
 * {@code regtypein}, ...) and the lenient {@code to_regclass} family, under PostgreSQL's own names.
 * Tessera has no reg* value types: the engine implements {@code 'customers'::regclass} by calling
 * {@code regclassin} (an OID results), and {@code oid::regclass::text} or the display of a regclass
 * column by calling {@code regclassout}. An OID that names nothing prints as its number and OID 0 as
 * {@code -}, as in PostgreSQL.
 */
final class RegFunctions {
    /** Type names the parser accepts besides pg_type's own: SQL spellings and common aliases. */
    private static final Map<String, String> TYPE_ALIASES = Map.ofEntries(Map.entry("integer", "int4"),
            Map.entry("int", "int4"), Map.entry("smallint", "int2"), Map.entry("bigint", "int8"),
            Map.entry("boolean", "bool"), Map.entry("real", "float4"), Map.entry("double precision", "float8"),
            Map.entry("float", "float8"), Map.entry("character varying", "varchar"), Map.entry("character", "bpchar"),
            Map.entry("char", "bpchar"), Map.entry("\"char\"", "char"), Map.entry("decimal", "numeric"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time without time zone", "time"));

    private RegFunctions() {}

    static List<SqlFunction> all(PgCatalogProvider owner) {
        return List.of(
                Fn.strict("regclassin", 1, SqlType.OID, (a, c) -> regclass(owner.snapshot(c), Args.text(a.get(0)))
                        .orElseThrow(() -> undefinedRelation(Args.text(a.get(0))))),
                Fn.strict("to_regclass", 1, SqlType.OID, (a, c) -> regclass(owner.snapshot(c), Args.text(a.get(0)))
                        .orElse(null)),
                Fn.strict("regclassout", 1, SqlType.TEXT, (a, c) -> regclassOut(owner.snapshot(c), Args.oid(a.get(0)))),
                Fn.strict("regtypein", 1, SqlType.OID, (a, c) -> regtype(owner.snapshot(c), Args.text(a.get(0)))
                        .orElseThrow(() -> new SqlException(SqlState.UNDEFINED_OBJECT,
                                "type \"" + a.get(0) + "\" does not exist"))),
                Fn.strict("to_regtype", 1, SqlType.OID, (a, c) -> regtype(owner.snapshot(c), Args.text(a.get(0)))
                        .orElse(null)),
                Fn.strict("regtypeout", 1, SqlType.TEXT, (a, c) -> regtypeOut(owner.snapshot(c), Args.oid(a.get(0)))),
                Fn.strict("regprocin", 1, SqlType.OID, (a, c) -> regproc(Args.text(a.get(0)))
                        .orElseThrow(() -> new SqlException(SqlState.UNDEFINED_FUNCTION,
                                "function \"" + a.get(0) + "\" does not exist"))),
                Fn.strict("to_regproc", 1, SqlType.OID, (a, c) -> regproc(Args.text(a.get(0))).orElse(null)),
                Fn.strict("regprocout", 1, SqlType.TEXT, (a, c) -> regprocOut(Args.oid(a.get(0)))),
                Fn.strict("regnamespacein", 1, SqlType.OID, (a, c) -> regnamespace(owner.snapshot(c),
                        Args.text(a.get(0))).orElseThrow(() -> new SqlException(SqlState.INVALID_SCHEMA_NAME,
                                "schema \"" + a.get(0) + "\" does not exist"))),
                Fn.strict("to_regnamespace", 1, SqlType.OID, (a, c) -> regnamespace(owner.snapshot(c),
                        Args.text(a.get(0))).orElse(null)),
                Fn.strict("regnamespaceout", 1, SqlType.TEXT, (a, c) -> regnamespaceOut(owner.snapshot(c),
                        Args.oid(a.get(0)))));
    }

    static SqlException undefinedRelation(String name) {
        return new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
    }

    /** A relation by name (search path or qualified) or by the digits of its OID, as regclassin reads. */
    static Optional<Long> regclass(CatalogSnapshot snapshot, String text) {
        if (text.strip().matches("\\d+")) {
            return Optional.of(Long.parseLong(text.strip()));
        }
        QualifiedName name = QualifiedName.parse(text);
        return snapshot.relation(name.schema(), name.name()).map(Relation::oid);
    }

    /** A visible relation prints bare, another one schema-qualified, an unknown OID as digits. */
    static String regclassOut(CatalogSnapshot snapshot, long oid) {
        if (oid == 0) {
            return "-";
        }
        return snapshot.relation(oid).map(r -> snapshot.isVisible(r) ? Identifiers.quote(r.name())
                : Identifiers.quote(r.namespace().name()) + "." + Identifiers.quote(r.name())).orElse(Long.toString(oid));
    }

    static Optional<Long> regtype(CatalogSnapshot snapshot, String text) {
        String name = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (name.matches("\\d+")) {
            return Optional.of(Long.parseLong(name));
        }
        boolean array = name.endsWith("[]");
        if (array) {
            name = name.substring(0, name.length() - 2).strip();
        }
        name = name.replaceFirst("^pg_catalog\\.", "").replaceFirst("\\s*\\(.*\\)$", "");
        TypeInfo type = BuiltinTypes.byName(TYPE_ALIASES.getOrDefault(name, name));
        if (type != null) {
            return array ? Optional.of(type.array()).filter(oid -> oid != 0) : Optional.of(type.oid());
        }
        QualifiedName qualified = QualifiedName.parse(text.strip());
        return snapshot.relation(qualified.schema(), qualified.name()).map(Relation::rowType).filter(oid -> oid != 0);
    }

    /** regtype prints the way format_type does without a modifier; unknown OIDs as digits. */
    static String regtypeOut(CatalogSnapshot snapshot, long oid) {
        if (oid == 0) {
            return "-";
        }
        String formatted = FormatType.format(oid, null, snapshot);
        return formatted.equals("???") ? Long.toString(oid) : formatted;
    }

    static Optional<Long> regproc(String text) {
        String name = text.strip();
        if (name.matches("\\d+")) {
            return Optional.of(Long.parseLong(name));
        }
        QualifiedName qualified = QualifiedName.parse(name);
        if (qualified.schema() != null && !qualified.schema().equals("pg_catalog")) {
            return Optional.empty();
        }
        long oid = BuiltinProcs.oid(qualified.name());
        return oid == 0 ? Optional.empty() : Optional.of(oid);
    }

    static String regprocOut(long oid) {
        String name = BuiltinProcs.nameOf(oid);
        return name == null ? (oid == 0 ? "-" : Long.toString(oid)) : name;
    }

    static Optional<Long> regnamespace(CatalogSnapshot snapshot, String text) {
        if (text.strip().matches("\\d+")) {
            return Optional.of(Long.parseLong(text.strip()));
        }
        QualifiedName name = QualifiedName.parse(text);
        return snapshot.namespace(name.name()).map(Namespace::oid);
    }

    static String regnamespaceOut(CatalogSnapshot snapshot, long oid) {
        if (oid == 0) {
            return "-";
        }
        return snapshot.namespace(oid).map(n -> Identifiers.quote(n.name())).orElse(Long.toString(oid));
    }
}
