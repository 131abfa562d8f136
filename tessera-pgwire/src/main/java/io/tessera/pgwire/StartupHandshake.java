package io.tessera.pgwire;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The untyped packets that open a connection: SSLRequest and GSSENCRequest (answered 'N': no
 * encryption yet, the client goes on in clear text on the same socket), CancelRequest, and the
 * StartupMessage of protocol 3.0.
 */
final class StartupHandshake {
    private StartupHandshake() {}

    static final int SSL_REQUEST_CODE = 80877103;
    static final int GSSENC_REQUEST_CODE = 80877104;
    static final int CANCEL_REQUEST_CODE = 80877102;
    static final int PROTOCOL_MAJOR = 3;
    static final int PROTOCOL_MINOR = 0;
    /** Startup options in this namespace are protocol extensions; the server lists the ones it does not know. */
    static final String PROTOCOL_OPTION_PREFIX = "_pq_.";

    sealed interface Outcome {}

    record Cancel(int processId, int secretKey) implements Outcome {}

    /**
     * @param minorVersion the minor version the client asked for
     * @param parameters user, database (defaulted to user), and the rest as sent, in order
     * @param unrecognizedOptions {@code _pq_.} options, reported back in NegotiateProtocolVersion
     */
    record Startup(int minorVersion, Map<String, String> parameters, List<String> unrecognizedOptions) implements Outcome {
        String user() { return parameters.get("user"); }

        String database() { return parameters.get("database"); }

        boolean needsNegotiation() { return minorVersion > PROTOCOL_MINOR || !unrecognizedOptions.isEmpty(); }
    }

    /** @return the outcome, or null when the client closed before sending a packet */
    static Outcome negotiate(WireInput in, WireOutput out, int maxPacketBytes) throws IOException {
        boolean sslAnswered = false;
        boolean gssAnswered = false;
        while (true) {
            byte[] body = in.readStartupPacket(maxPacketBytes);
            if (body == null) {
                return null;
            }
            PayloadReader r = new PayloadReader(body);
            int code = r.readInt32();
            if (code == SSL_REQUEST_CODE || code == GSSENC_REQUEST_CODE) {
                r.expectEnd();
                boolean ssl = code == SSL_REQUEST_CODE;
                // Each encryption request may come once (libpq sends GSS then SSL at most); a loop of them is not a client.
                if (ssl ? sslAnswered : gssAnswered) {
                    throw ProtocolErrors.fatal("repeated " + (ssl ? "SSL" : "GSSAPI") + " negotiation request");
                }
                sslAnswered |= ssl;
                gssAnswered |= !ssl;
                out.singleByte('N');
                continue;
            }
            if (code == CANCEL_REQUEST_CODE) {
                Cancel cancel = new Cancel(r.readInt32(), r.readInt32());
                r.expectEnd();
                return cancel;
            }
            try {
                return startup(code, r);
            } catch (SqlException e) {
                // Before a session exists every error ends the connection (e.g. a parameter that is not UTF-8).
                throw e.fatal() ? e : e.asFatal();
            }
        }
    }

    private static Startup startup(int code, PayloadReader r) {
        int major = code >>> 16;
        int minor = code & 0xFFFF;
        if (major != PROTOCOL_MAJOR) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "unsupported frontend protocol " + major + "."
                    + minor + ": server supports " + PROTOCOL_MAJOR + ".0 to " + PROTOCOL_MAJOR + "." + PROTOCOL_MINOR).asFatal();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> unrecognized = new ArrayList<>();
        while (true) {
            String name = r.readCString();
            if (name.isEmpty()) {
                break;
            }
            String value = r.readCString();
            if (name.startsWith(PROTOCOL_OPTION_PREFIX)) {
                unrecognized.add(name);
            } else {
                parameters.put(name, value);
            }
        }
        r.expectEnd();
        String user = parameters.get("user");
        if (user == null || user.isEmpty()) {
            throw new SqlException(SqlState.INVALID_AUTHORIZATION,
                    "no PostgreSQL user name specified in startup packet").asFatal();
        }
        parameters.putIfAbsent("database", user);
        return new Startup(minor, Collections.unmodifiableMap(parameters), List.copyOf(unrecognized));
    }
}
