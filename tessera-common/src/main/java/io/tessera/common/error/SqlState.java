package io.tessera.common.error;

/**
 * The SQLSTATE codes Tessera raises, as PostgreSQL defines them. Each constant names a statement
 * that triggers it, so a reader can reproduce the error from psql.
 */
public final class SqlState {
    private SqlState() {}

    /** {@code SELEC 1} */
    public static final String SYNTAX_ERROR = "42601";
    /** {@code SELECT * FROM nosuchtable} */
    public static final String UNDEFINED_TABLE = "42P01";
    /** {@code SELECT nosuchcolumn FROM t} */
    public static final String UNDEFINED_COLUMN = "42703";
    /** {@code SELECT nosuchfunction(1)} */
    public static final String UNDEFINED_FUNCTION = "42883";
    /** {@code SELECT * FROM pg_class WHERE relname = nosuch.x} on an unknown schema */
    public static final String UNDEFINED_OBJECT = "42704";
    public static final String DUPLICATE_OBJECT = "42710";
    public static final String IO_ERROR = "58030";
    /** {@code CREATE TABLE t (...)} when t exists */
    public static final String DUPLICATE_TABLE = "42P07";
    /** {@code CREATE TABLE t (a INT, a INT)} */
    public static final String DUPLICATE_COLUMN = "42701";
    /** {@code SELECT id FROM a, b} when both have id */
    public static final String AMBIGUOUS_COLUMN = "42702";
    /** {@code SELECT 'x' + 1} style operator/type mismatches: {@code INSERT INTO t(intcol) VALUES (true)} */
    public static final String DATATYPE_MISMATCH = "42804";
    /** {@code SELECT 1 + 'a'::text} has no operator */
    public static final String UNDEFINED_OPERATOR = "42883";
    /** {@code SELECT a, count(*) FROM t} without GROUP BY a */
    public static final String GROUPING_ERROR = "42803";
    /** {@code CREATE TABLE t (a INT PRIMARY KEY, b INT PRIMARY KEY)} */
    public static final String INVALID_TABLE_DEFINITION = "42P16";
    /** {@code SELECT * FROM t LIMIT -1} */
    public static final String INVALID_PARAMETER_VALUE = "22023";
    /** {@code SET nosuchparam = 1} */
    public static final String UNDEFINED_PARAMETER = "42704";
    /** {@code SELECT 'abc'::int} */
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";
    /** COPY data with too many or too few fields on a line, or an unterminated CSV quote */
    public static final String BAD_COPY_FILE_FORMAT = "22P04";
    /** {@code SELECT '2024-13-45'::date} */
    public static final String INVALID_DATETIME_FORMAT = "22007";
    /** {@code SELECT '2024-02-30'::date} */
    public static final String DATETIME_FIELD_OVERFLOW = "22008";
    /** {@code INSERT INTO t(v) VALUES ('toolong')} into VARCHAR(3) */
    public static final String STRING_DATA_RIGHT_TRUNCATION = "22001";
    /** {@code SELECT 1/0} */
    public static final String DIVISION_BY_ZERO = "22012";
    /** {@code SELECT 2147483647 + 1} */
    public static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
    /** {@code SELECT 'a' LIKE 'a\'} */
    public static final String INVALID_ESCAPE_SEQUENCE = "22025";
    /** {@code SELECT '{bad'::jsonb} */
    public static final String INVALID_JSON_TEXT = "22P02";
    /** {@code SELECT (SELECT 1 UNION SELECT 2)} */
    public static final String CARDINALITY_VIOLATION = "21000";
    /** {@code INSERT INTO t VALUES (NULL)} into a NOT NULL column */
    public static final String NOT_NULL_VIOLATION = "23502";
    /** {@code INSERT INTO t VALUES (1)} twice on a primary key */
    public static final String UNIQUE_VIOLATION = "23505";
    /** {@code INSERT} violating a CHECK constraint */
    public static final String CHECK_VIOLATION = "23514";
    /** Any statement Tessera does not support yet, e.g. {@code CREATE TRIGGER} */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    /** A statement after an error inside a transaction block */
    public static final String IN_FAILED_SQL_TRANSACTION = "25P02";
    /** {@code COMMIT} with a conflicting concurrent writer */
    public static final String SERIALIZATION_FAILURE = "40001";
    public static final String DEADLOCK_DETECTED = "40P01";
    /** The commit's outcome is unknown (the connection to its Raft group broke while it ran). */
    public static final String STATEMENT_COMPLETION_UNKNOWN = "40003";
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    /** A malformed or truncated protocol message */
    public static final String PROTOCOL_VIOLATION = "08P01";
    /** The node lost contact with a fragment's replicas */
    public static final String CONNECTION_FAILURE = "08006";
    /** The node is shutting down */
    public static final String ADMIN_SHUTDOWN = "57P01";
    /** A statement too deeply nested to parse in time */
    public static final String STATEMENT_TOO_COMPLEX = "54001";
    /** A statement cancelled by CancelRequest */
    public static final String QUERY_CANCELED = "57014";
    /** The deadline for a leader to appear passed */
    public static final String CANNOT_CONNECT_NOW = "57P03";
    /** {@code PREPARE}d statement name reused / missing: {@code EXECUTE nosuch} */
    public static final String INVALID_SQL_STATEMENT_NAME = "26000";
    /** Portal name missing in Execute */
    public static final String INVALID_CURSOR_NAME = "34000";
    /** {@code CREATE DATABASE} other than tessera, or connecting to another database */
    public static final String INVALID_CATALOG_NAME = "3D000";
    /** {@code SELECT * FROM nosuchschema.t} */
    public static final String INVALID_SCHEMA_NAME = "3F000";
    /** A statement longer than the configured maximum */
    public static final String PROGRAM_LIMIT_EXCEEDED = "54000";
    /** Disk full while writing */
    public static final String DISK_FULL = "53100";
    /**
     * A read at a snapshot older than the garbage-collection window ({@code --gc-window}): the
     * versions it would see may be gone. PostgreSQL's "snapshot too old".
     */
    public static final String SNAPSHOT_TOO_OLD = "72000";
    /** Out of memory for a query */
    public static final String OUT_OF_MEMORY = "53200";
    /** Login as an unknown role */
    public static final String INVALID_AUTHORIZATION = "28000";
    /** Wrong password */
    public static final String INVALID_PASSWORD = "28P01";
    /** No privilege */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** An invariant broke inside Tessera: a bug */
    public static final String INTERNAL_ERROR = "XX000";
}
