package io.tessera.common.error;

/**
 * An error that reaches the client as an ErrorResponse: a SQLSTATE, a message, and optionally a
 * detail, a hint and a 1-based character position in the statement text. Every layer throws this
 * for the caller's mistakes and for operating conditions (lost node, full disk); programming
 * errors stay {@link IllegalStateException} and become {@code XX000} at the protocol edge.
 */
public class SqlException extends RuntimeException {
    private final String sqlState;
    private final String detail;
    private final String hint;
    private final int position;
    private final boolean fatal;

    public SqlException(String sqlState, String message) {
        this(sqlState, message, null, null, 0, false, null);
    }

    public SqlException(String sqlState, String message, Throwable cause) {
        this(sqlState, message, null, null, 0, false, cause);
    }

    private SqlException(String sqlState, String message, String detail, String hint, int position,
            boolean fatal, Throwable cause) {
        super(message, cause);
        if (sqlState == null || sqlState.length() != 5) {
            throw new IllegalArgumentException("SQLSTATE must have 5 characters: " + sqlState);
        }
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
        this.position = position;
        this.fatal = fatal;
    }

    public static SqlException of(String sqlState, String format, Object... args) {
        return new SqlException(sqlState, args.length == 0 ? format : String.format(format, args));
    }

    public SqlException withDetail(String newDetail) {
        return new SqlException(sqlState, getMessage(), newDetail, hint, position, fatal, getCause());
    }

    public SqlException withHint(String newHint) {
        return new SqlException(sqlState, getMessage(), detail, newHint, position, fatal, getCause());
    }

    /** @param newPosition 1-based character offset into the statement text, 0 for none */
    public SqlException withPosition(int newPosition) {
        return new SqlException(sqlState, getMessage(), detail, hint, newPosition, fatal, getCause());
    }

    /** A FATAL error ends the connection after it is sent. */
    public SqlException asFatal() {
        return new SqlException(sqlState, getMessage(), detail, hint, position, true, getCause());
    }

    public String sqlState() { return sqlState; }
    public String detail() { return detail; }
    public String hint() { return hint; }
    public int position() { return position; }
    public boolean fatal() { return fatal; }
}
