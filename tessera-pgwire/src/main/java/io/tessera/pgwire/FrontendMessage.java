package io.tessera.pgwire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The frontend messages of the query phase, decoded from their bodies. */
sealed interface FrontendMessage {

    /** Simple query: one or more statements. */
    record Query(String sql) implements FrontendMessage {}

    /** @param parameterTypeOids one per declared parameter, 0 for "infer" */
    record Parse(String statementName, String sql, List<Integer> parameterTypeOids) implements FrontendMessage {}

    /**
     * @param parameterFormats 0, 1 or n codes (0 text, 1 binary)
     * @param parameterValues n values, null for SQL NULL
     * @param resultFormats 0, 1 or one code per result column
     */
    record Bind(String portalName, String statementName, List<Short> parameterFormats,
            List<byte[]> parameterValues, List<Short> resultFormats) implements FrontendMessage {}

    /** @param kind 'S' statement or 'P' portal */
    record Describe(char kind, String name) implements FrontendMessage {}

    /** @param maxRows 0 for all rows */
    record Execute(String portalName, int maxRows) implements FrontendMessage {}

    /** @param kind 'S' statement or 'P' portal */
    record Close(char kind, String name) implements FrontendMessage {}

    record Sync() implements FrontendMessage {}

    record Flush() implements FrontendMessage {}

    record Terminate() implements FrontendMessage {}

    /** CopyData, CopyDone or CopyFail outside COPY: the protocol says to ignore them. */
    record CopyOutsideCopy(char type) implements FrontendMessage {}

    /** FunctionCall ('F'), the legacy fast-path interface. */
    record FunctionCall() implements FrontendMessage {}

    static FrontendMessage decode(RawMessage raw) {
        PayloadReader r = new PayloadReader(raw.body());
        FrontendMessage m = switch (raw.type()) {
            case 'Q' -> new Query(r.readCString());
            case 'P' -> decodeParse(r);
            case 'B' -> decodeBind(r);
            case 'D' -> new Describe((char) r.readByte(), r.readCString());
            case 'E' -> new Execute(r.readCString(), r.readInt32());
            case 'C' -> new Close((char) r.readByte(), r.readCString());
            case 'S' -> new Sync();
            case 'H' -> new Flush();
            case 'X' -> new Terminate();
            case 'd', 'c', 'f' -> skipAll(r, new CopyOutsideCopy(raw.type()));
            case 'F' -> skipAll(r, new FunctionCall());
            default -> throw ProtocolErrors.fatal("invalid frontend message type " + (int) raw.type());
        };
        r.expectEnd();
        return m;
    }

    private static FrontendMessage skipAll(PayloadReader r, FrontendMessage m) {
        r.readBytes(r.remaining());
        return m;
    }

    private static Parse decodeParse(PayloadReader r) {
        String name = r.readCString();
        String sql = r.readCString();
        int n = r.readCount(4);
        List<Integer> oids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            oids.add(r.readInt32());
        }
        return new Parse(name, sql, Collections.unmodifiableList(oids));
    }

    private static Bind decodeBind(PayloadReader r) {
        String portal = r.readCString();
        String statement = r.readCString();
        List<Short> parameterFormats = readFormats(r);
        int n = r.readCount(4);
        List<byte[]> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int length = r.readInt32();
            values.add(length == -1 ? null : r.readBytes(length));
        }
        List<Short> resultFormats = readFormats(r);
        return new Bind(portal, statement, parameterFormats, Collections.unmodifiableList(values), resultFormats);
    }

    private static List<Short> readFormats(PayloadReader r) {
        int n = r.readCount(2);
        List<Short> formats = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            formats.add(r.readInt16());
        }
        return Collections.unmodifiableList(formats);
    }
}
