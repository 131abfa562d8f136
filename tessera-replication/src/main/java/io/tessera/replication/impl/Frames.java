package io.tessera.replication.impl;

import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.ByteWriter;
import io.tessera.common.error.SqlException;
import java.nio.charset.StandardCharsets;

/**
 * The envelope of every reply a group sends: {@code 0x00 ++ payload} for success, or
 * {@code 0x01 ++ sqlstate ++ message ++ detail} for an error the state machine raised or a write
 * that failed on this replica. Errors travel as data, not as Ratis exceptions, so that the SQLSTATE
 * survives gRPC unchanged.
 */
final class Frames {
    private Frames() {}

    private static final int OK = 0;
    private static final int ERROR = 1;

    static byte[] ok(byte[] payload) {
        return new ByteWriter(payload.length + 1).put(OK).put(payload).toByteArray();
    }

    static byte[] error(SqlException e) {
        ByteWriter w = new ByteWriter(64).put(ERROR).put(e.sqlState().getBytes(StandardCharsets.US_ASCII));
        text(w, e.getMessage());
        text(w, e.detail());
        return w.toByteArray();
    }

    /** The payload of a success frame; an error frame is thrown as the SqlException it carries. */
    static byte[] unwrap(byte[] frame) {
        if (frame.length == 0) {
            throw new IllegalStateException("empty reply frame");
        }
        if (frame[0] == OK) {
            byte[] payload = new byte[frame.length - 1];
            System.arraycopy(frame, 1, payload, 0, payload.length);
            return payload;
        }
        if (frame[0] != ERROR) {
            throw new IllegalStateException("unknown reply frame tag " + frame[0]);
        }
        ByteReader r = new ByteReader(frame, 1, frame.length);
        String state = new String(r.get(5), StandardCharsets.US_ASCII);
        String message = text(r);
        String detail = text(r);
        SqlException e = new SqlException(state, message == null ? "" : message);
        throw detail == null ? e : e.withDetail(detail);
    }

    private static void text(ByteWriter w, String s) {
        if (s == null) {
            w.put(0);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        w.put(1).putVarint(b.length).put(b);
    }

    private static String text(ByteReader r) {
        return r.get() == 0 ? null : new String(r.get((int) r.getVarint()), StandardCharsets.UTF_8);
    }
}
