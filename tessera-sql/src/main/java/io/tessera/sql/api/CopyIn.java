package io.tessera.sql.api;

/**
 * The receiving end of {@code COPY ... FROM STDIN}, returned by {@link Cursor#copyIn()}. The
 * protocol layer owns the framing (CopyInResponse, CopyData, CopyDone, CopyFail) and hands the
 * data over in chunks as they arrive; chunks need not end at line boundaries.
 *
 * <p>Example: {@code var in = cursor.copyIn(); send CopyInResponse(in.columnCount()); for each
 * CopyData: in.write(bytes); on CopyDone: long n = in.finish(); send CommandComplete("COPY " + n)}.
 * An error thrown by {@link #write} or {@link #finish} (22P02, 22P04, 23502, ...) ends the COPY;
 * rows written before it in earlier batches stay written (there are no transactions yet).
 */
public interface CopyIn {

    /** Columns of each data line, for CopyInResponse's per-column format codes. */
    int columnCount();

    /** The next piece of the data stream. */
    void write(byte[] chunk);

    /** The stream ended (CopyDone): writes what is buffered and returns the number of rows copied. */
    long finish();

    /** The client gave up (CopyFail) or the connection failed: drops what is buffered. */
    void abort();
}
