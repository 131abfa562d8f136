package io.tessera.sql.api;

/**
 * The sending end of {@code COPY ... TO STDOUT}, returned by {@link Cursor#copyOut()}: the
 * protocol layer sends CopyOutResponse, one CopyData per {@link #next()} chunk, then CopyDone
 * and CommandComplete {@code COPY n} with n from {@link #rowCount()}.
 */
public interface CopyOut {

    int columnCount();

    /** The next chunk of output (one line in text and CSV format), or null when done. */
    byte[] next();

    /** Rows sent so far; the final count once {@link #next()} returned null. */
    long rowCount();
}
