package io.tessera.common.types;

/**
 * The SQL types Tessera stores and computes with, each with its PostgreSQL type OID (clients read
 * the OID from RowDescription and decide how to parse a column by it) and the Java class that
 * carries its values everywhere inside Tessera:
 *
 * <pre>
 * BOOL Boolean      INT2 Short        INT4 Integer      INT8 Long       OID Long
 * FLOAT4 Float      FLOAT8 Double     NUMERIC BigDecimal
 * TEXT, VARCHAR, BPCHAR, NAME, CHAR String               BYTEA byte[]
 * DATE LocalDate    TIMESTAMP LocalDateTime              TIMESTAMPTZ Instant
 * JSONB Jsonb       UNKNOWN String (an untyped literal, resolved by context)
 * TEXT_ARRAY, INT2_ARRAY, INT4_ARRAY, OID_ARRAY List (elements of the element kind)
 * </pre>
 *
 * SQL NULL is Java {@code null} for every kind.
 */
public enum TypeKind {
    BOOL(16, "boolean", 1),
    INT2(21, "smallint", 2),
    INT4(23, "integer", 4),
    INT8(20, "bigint", 8),
    OID(26, "oid", 4),
    FLOAT4(700, "real", 4),
    FLOAT8(701, "double precision", 8),
    NUMERIC(1700, "numeric", -1),
    TEXT(25, "text", -1),
    VARCHAR(1043, "character varying", -1),
    BPCHAR(1042, "character", -1),
    NAME(19, "name", 64),
    /** PostgreSQL's single-byte internal {@code "char"}, used by pg_catalog (relkind). */
    CHAR(18, "\"char\"", 1),
    BYTEA(17, "bytea", -1),
    DATE(1082, "date", 4),
    TIMESTAMP(1114, "timestamp without time zone", 8),
    TIMESTAMPTZ(1184, "timestamp with time zone", 8),
    JSONB(3802, "jsonb", -1),
    TEXT_ARRAY(1009, "text[]", -1),
    INT2_ARRAY(1005, "smallint[]", -1),
    INT4_ARRAY(1007, "integer[]", -1),
    OID_ARRAY(1028, "oid[]", -1),
    UNKNOWN(705, "unknown", -2);

    private final int oid;
    private final String sqlName;
    private final int byteLength;

    TypeKind(int oid, String sqlName, int byteLength) {
        this.oid = oid;
        this.sqlName = sqlName;
        this.byteLength = byteLength;
    }

    /** The PostgreSQL type OID sent in RowDescription and ParameterDescription. */
    public int oid() { return oid; }

    /** The name PostgreSQL's format_type() prints, without a type modifier. */
    public String sqlName() { return sqlName; }

    /** pg_type.typlen: fixed size in bytes, -1 for variable length. */
    public int byteLength() { return byteLength; }

    public boolean isInteger() { return this == INT2 || this == INT4 || this == INT8 || this == OID; }

    public boolean isNumeric() { return isInteger() || this == FLOAT4 || this == FLOAT8 || this == NUMERIC; }

    public boolean isString() {
        return this == TEXT || this == VARCHAR || this == BPCHAR || this == NAME || this == CHAR || this == UNKNOWN;
    }

    public boolean isArray() {
        return this == TEXT_ARRAY || this == INT2_ARRAY || this == INT4_ARRAY || this == OID_ARRAY;
    }

    public static TypeKind fromOid(int oid) {
        for (TypeKind k : values()) {
            if (k.oid == oid) {
                return k;
            }
        }
        return null;
    }
}
