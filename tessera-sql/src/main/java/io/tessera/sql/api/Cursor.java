package io.tessera.sql.api;

import java.util.List;

/**
 * The running execution of a statement. Rows are pulled one at a time so that a portal executed
 * with a row limit can stop and continue later (PortalSuspended).
 */
public interface Cursor extends AutoCloseable {

    List<ResultColumn> columns();

    /** The next row (values as the Java classes of {@code TypeKind}), or null when done. */
    Object[] next();

    /**
     * The CommandComplete tag, valid once {@link #next()} returned null:
     * {@code SELECT 3}, {@code INSERT 0 2}, {@code UPDATE 1}, {@code CREATE TABLE}, ...
     */
    String commandTag();

    /** Non-null when the statement is {@code COPY ... FROM STDIN}: the protocol layer streams the data in. */
    default CopyIn copyIn() {
        return null;
    }

    /** Non-null when the statement is {@code COPY ... TO STDOUT}: the protocol layer streams the data out. */
    default CopyOut copyOut() {
        return null;
    }

    @Override
    void close();
}
