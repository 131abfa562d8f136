package io.tessera.pgwire;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;

/**
 * The fields of an ErrorResponse or NoticeResponse: S and V (severity), C (SQLSTATE), M, and D,
 * H, P when present.
 *
 * @param position 1-based character position in the statement, 0 for none
 * @param context the W field (PostgreSQL's CONTEXT line), or null
 */
record ErrorNotice(String severity, String sqlState, String message, String detail, String hint, int position,
        String context) {

    static final String ERROR = "ERROR";
    static final String FATAL = "FATAL";
    static final String NOTICE = "NOTICE";
    static final String WARNING = "WARNING";

    ErrorNotice {
        if (severity == null || sqlState == null || sqlState.length() != 5 || message == null) {
            throw new IllegalArgumentException("severity, a 5-character SQLSTATE and a message are required");
        }
    }

    static ErrorNotice of(SqlException e) {
        return new ErrorNotice(e.fatal() ? FATAL : ERROR, e.sqlState(), messageOf(e), e.detail(), e.hint(), e.position(), e.context());
    }

    static ErrorNotice fatal(String sqlState, String message) {
        return new ErrorNotice(FATAL, sqlState, message, null, null, 0, null);
    }

    /** A bug or an unexpected failure below: the client learns that much, the log gets the rest. */
    static ErrorNotice internal(Throwable t) {
        String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new ErrorNotice(ERROR, SqlState.INTERNAL_ERROR, "internal error: " + text, null, null, 0, null);
    }

    static ErrorNotice notice(String sqlState, String message) {
        return new ErrorNotice(NOTICE, sqlState, message, null, null, 0, null);
    }

    ErrorNotice withSeverity(String newSeverity) {
        return new ErrorNotice(newSeverity, sqlState, message, detail, hint, position, context);
    }

    private static String messageOf(SqlException e) {
        return e.getMessage() == null ? "" : e.getMessage();
    }
}
