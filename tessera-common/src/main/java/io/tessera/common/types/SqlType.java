package io.tessera.common.types;

/**
 * A SQL type with its modifier: the length of VARCHAR(n)/CHAR(n), the precision and scale of
 * NUMERIC(p,s). A modifier of -1 means none was given (unbounded VARCHAR, unconstrained NUMERIC).
 */
public record SqlType(TypeKind kind, int length, int precision, int scale) {

    public static final SqlType BOOL = of(TypeKind.BOOL);
    public static final SqlType INT2 = of(TypeKind.INT2);
    public static final SqlType INT4 = of(TypeKind.INT4);
    public static final SqlType INT8 = of(TypeKind.INT8);
    public static final SqlType OID = of(TypeKind.OID);
    public static final SqlType FLOAT4 = of(TypeKind.FLOAT4);
    public static final SqlType FLOAT8 = of(TypeKind.FLOAT8);
    public static final SqlType NUMERIC = of(TypeKind.NUMERIC);
    public static final SqlType TEXT = of(TypeKind.TEXT);
    public static final SqlType VARCHAR = of(TypeKind.VARCHAR);
    public static final SqlType NAME = of(TypeKind.NAME);
    public static final SqlType CHAR = of(TypeKind.CHAR);
    public static final SqlType BYTEA = of(TypeKind.BYTEA);
    public static final SqlType DATE = of(TypeKind.DATE);
    public static final SqlType TIMESTAMP = of(TypeKind.TIMESTAMP);
    public static final SqlType TIMESTAMPTZ = of(TypeKind.TIMESTAMPTZ);
    public static final SqlType JSONB = of(TypeKind.JSONB);
    public static final SqlType UNKNOWN = of(TypeKind.UNKNOWN);

    public SqlType {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (precision != -1 && (precision < 1 || precision > 1000 || scale < 0 || scale > precision)) {
            throw new IllegalArgumentException("NUMERIC precision " + precision + " and scale " + scale + " out of range");
        }
    }

    public static SqlType of(TypeKind kind) {
        return new SqlType(kind, -1, -1, -1);
    }

    public static SqlType varchar(int length) {
        return new SqlType(TypeKind.VARCHAR, length, -1, -1);
    }

    public static SqlType bpchar(int length) {
        return new SqlType(TypeKind.BPCHAR, length, -1, -1);
    }

    public static SqlType numeric(int precision, int scale) {
        return new SqlType(TypeKind.NUMERIC, -1, precision, scale);
    }

    public int oid() { return kind.oid(); }

    /** PostgreSQL's atttypmod: VARCHAR(n) and CHAR(n) store n+4, NUMERIC(p,s) ((p << 16) | s) + 4. */
    public int typmod() {
        if (length >= 0) {
            return length + 4;
        }
        if (precision > 0) {
            return ((precision << 16) | scale) + 4;
        }
        return -1;
    }

    /** The text PostgreSQL's format_type() prints, e.g. {@code character varying(20)}, {@code numeric(10,2)}. */
    public String displayName() {
        if (length >= 0) {
            return kind.sqlName() + "(" + length + ")";
        }
        if (precision > 0) {
            return kind.sqlName() + "(" + precision + "," + scale + ")";
        }
        return kind.sqlName();
    }

    @Override
    public String toString() { return displayName(); }
}
