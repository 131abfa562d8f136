package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;

/** PostgreSQL's type resolution for operators, CASE, UNION and COALESCE, reduced to Tessera's types. */
public final class Types {
    private Types() {}

    /** The numeric promotion order; a result takes the higher of its operands. */
    static int numericRank(TypeKind k) {
        return switch (k) {
            case INT2 -> 1;
            case INT4 -> 2;
            case INT8, OID -> 3;
            case NUMERIC -> 4;
            case FLOAT4 -> 5;
            case FLOAT8 -> 6;
            default -> -1;
        };
    }

    public static boolean isStringy(SqlType t) {
        return t.kind().isString() && t.kind() != TypeKind.UNKNOWN;
    }

    public static boolean isUnknown(SqlType t) {
        return t.kind() == TypeKind.UNKNOWN;
    }

    /** The type both sides are converted to before comparing or combining them; 42804 if none. */
    public static SqlType common(SqlType a, SqlType b, String context) {
        TypeKind ka = a.kind();
        TypeKind kb = b.kind();
        if (ka == TypeKind.UNKNOWN && kb == TypeKind.UNKNOWN) {
            return SqlType.UNKNOWN;
        }
        if (ka == TypeKind.UNKNOWN) {
            return b;
        }
        if (kb == TypeKind.UNKNOWN) {
            return a;
        }
        if (ka == kb) {
            return a.equals(b) ? a : SqlType.of(ka);
        }
        if (ka.isNumeric() && kb.isNumeric()) {
            if ((ka == TypeKind.OID || kb == TypeKind.OID) && numericRank(ka) <= 3 && numericRank(kb) <= 3) {
                return SqlType.OID;
            }
            return numericRank(ka) >= numericRank(kb) ? SqlType.of(ka) : SqlType.of(kb);
        }
        if (isStringy(a) && isStringy(b)) {
            return SqlType.TEXT;
        }
        if (isDateTime(ka) && isDateTime(kb)) {
            return ka == TypeKind.TIMESTAMPTZ || kb == TypeKind.TIMESTAMPTZ ? SqlType.TIMESTAMPTZ : SqlType.TIMESTAMP;
        }
        if (ka.isArray() && kb.isArray()) {
            return a;
        }
        throw new SqlException(SqlState.DATATYPE_MISMATCH,
                context + " types " + ka.sqlName() + " and " + kb.sqlName() + " cannot be matched");
    }

    static boolean isDateTime(TypeKind k) {
        return k == TypeKind.DATE || k == TypeKind.TIMESTAMP || k == TypeKind.TIMESTAMPTZ;
    }

    /** The result of + - * / % on two numeric types. */
    public static SqlType arithmetic(SqlType a, SqlType b) {
        TypeKind ka = a.kind() == TypeKind.UNKNOWN ? b.kind() : a.kind();
        TypeKind kb = b.kind() == TypeKind.UNKNOWN ? a.kind() : b.kind();
        if (ka == TypeKind.UNKNOWN) {
            return SqlType.NUMERIC;
        }
        if (ka == TypeKind.OID) {
            ka = TypeKind.INT8;
        }
        if (kb == TypeKind.OID) {
            kb = TypeKind.INT8;
        }
        if (ka == TypeKind.FLOAT4 && kb.isInteger() || kb == TypeKind.FLOAT4 && ka.isInteger()) {
            return SqlType.FLOAT8;
        }
        int r = Math.max(numericRank(ka), numericRank(kb));
        return switch (r) {
            case 1 -> SqlType.INT2;
            case 2 -> SqlType.INT4;
            case 3 -> SqlType.INT8;
            case 4 -> SqlType.NUMERIC;
            case 5 -> SqlType.FLOAT4;
            default -> SqlType.FLOAT8;
        };
    }

    /** A result column type as the client sees it: an untyped literal goes out as text. */
    public static SqlType output(SqlType t) {
        return t.kind() == TypeKind.UNKNOWN ? SqlType.TEXT : t;
    }

    /** The type named in a cast or a column definition, e.g. {@code varchar (3)}, {@code pg_catalog.int4}. */
    public static SqlType parse(String name, java.util.List<String> args) {
        String n = name.toLowerCase(java.util.Locale.ROOT).trim().replaceAll("\\s+", " ");
        if (n.startsWith("pg_catalog.")) {
            n = n.substring("pg_catalog.".length());
        }
        int paren = n.indexOf('(');
        if (paren >= 0) {
            String inner = n.substring(paren + 1, n.lastIndexOf(')'));
            args = java.util.Arrays.stream(inner.split(",")).map(String::trim).toList();
            n = n.substring(0, paren).trim();
        }
        boolean array = n.endsWith("[]");
        if (array) {
            n = n.substring(0, n.length() - 2).trim();
        }
        SqlType base = base(n, args == null ? java.util.List.of() : args);
        return array ? arrayOf(base) : base;
    }

    private static SqlType base(String n, java.util.List<String> args) {
        return switch (n) {
            case "smallint", "int2", "smallserial", "serial2" -> SqlType.INT2;
            case "integer", "int", "int4", "serial", "serial4" -> SqlType.INT4;
            case "bigint", "int8", "bigserial", "serial8" -> SqlType.INT8;
            case "real", "float4" -> SqlType.FLOAT4;
            case "double precision", "float8", "float", "double" -> SqlType.FLOAT8;
            case "numeric", "decimal" -> args.isEmpty() ? SqlType.NUMERIC
                    : SqlType.numeric(Integer.parseInt(args.get(0)), args.size() > 1 ? Integer.parseInt(args.get(1)) : 0);
            case "boolean", "bool" -> SqlType.BOOL;
            case "text" -> SqlType.TEXT;
            case "varchar", "character varying" -> args.isEmpty() ? SqlType.VARCHAR : SqlType.varchar(Integer.parseInt(args.get(0)));
            case "char", "character", "bpchar" -> SqlType.bpchar(args.isEmpty() ? 1 : Integer.parseInt(args.get(0)));
            case "\"char\"" -> SqlType.CHAR;
            case "name" -> SqlType.NAME;
            case "bytea" -> SqlType.BYTEA;
            case "date" -> SqlType.DATE;
            case "timestamp", "timestamp without time zone" -> SqlType.TIMESTAMP;
            case "timestamptz", "timestamp with time zone" -> SqlType.TIMESTAMPTZ;
            case "jsonb", "json" -> SqlType.JSONB;
            case "oid", "regproc", "regprocedure", "xid", "cid" -> SqlType.OID;
            case "regclass", "regtype", "regnamespace", "regrole" -> REG_PLACEHOLDER;
            default -> throw new SqlException(SqlState.UNDEFINED_OBJECT, "type \"" + n + "\" does not exist");
        };
    }

    /** Stands for the reg* types until the cast picks the direction (name to OID or OID to name). */
    static final SqlType REG_PLACEHOLDER = SqlType.OID;

    static SqlType arrayOf(SqlType element) {
        return switch (element.kind()) {
            case INT2 -> SqlType.of(TypeKind.INT2_ARRAY);
            case INT4, INT8 -> SqlType.of(TypeKind.INT4_ARRAY);
            case OID -> SqlType.of(TypeKind.OID_ARRAY);
            default -> SqlType.of(TypeKind.TEXT_ARRAY);
        };
    }

    static SqlType elementOf(SqlType array) {
        return switch (array.kind()) {
            case INT2_ARRAY -> SqlType.INT2;
            case INT4_ARRAY -> SqlType.INT4;
            case OID_ARRAY -> SqlType.OID;
            case TEXT_ARRAY -> SqlType.TEXT;
            default -> throw new SqlException(SqlState.DATATYPE_MISMATCH, "op ANY/ALL (array) requires array on right side");
        };
    }
}
