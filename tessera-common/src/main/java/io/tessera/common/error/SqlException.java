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
    /** PostgreSQL's CONTEXT (the W field), e.g. {@code COPY t, line 3}; null for none. */
    private final String context;

    public SqlException(String sqlState, String message) {
        this(sqlState, message, null, null, 0, false, null, null);
    }

    public SqlException(String sqlState, String message, Throwable cause) {
        this(sqlState, message, null, null, 0, false, cause, null);
    }

    private SqlException(String sqlState, String message, String detail, String hint, int position,
            boolean fatal, Throwable cause, String context) {
        super(message, cause);
        if (sqlState == null || sqlState.length() != 5) {
            throw new IllegalArgumentException("SQLSTATE must have 5 characters: " + sqlState);
        }
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
        this.position = position;
        this.fatal = fatal;
        this.context = context;
    }

    public static SqlException of(String sqlState, String format, Object... args) {
        return new SqlException(sqlState, args.length == 0 ? format : String.format(format, args));
    }

    public SqlException withDetail(String newDetail) {
        return new SqlException(sqlState, getMessage(), newDetail, hint, position, fatal, getCause(), context);
    }

    public SqlException withHint(String newHint) {
        return new SqlException(sqlState, getMessage(), detail, newHint, position, fatal, getCause(), context);
    }

    /** @param newPosition 1-based character offset into the statement text, 0 for none */
    public SqlException withPosition(int newPosition) {
        return new SqlException(sqlState, getMessage(), detail, hint, newPosition, fatal, getCause(), context);
    }

    /** A FATAL error ends the connection after it is sent. */
    public SqlException asFatal() {
        return new SqlException(sqlState, getMessage(), detail, hint, position, true, getCause(), context);
    }

    /** The same error with a CONTEXT line (sent as the W field), e.g. {@code COPY t, line 3}. */
    public SqlException withContext(String newContext) {
        return new SqlException(sqlState, getMessage(), detail, hint, position, fatal, getCause(), newContext);
    }

    public String sqlState() { return sqlState; }
    public String context() { return context; }
    public String detail() { return detail; }
    public String hint() { return hint; }
    public int position() { return position; }
    public boolean fatal() { return fatal; }
}
