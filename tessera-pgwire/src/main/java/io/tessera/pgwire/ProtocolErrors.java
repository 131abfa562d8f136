package io.tessera.pgwire;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;

/** The protocol violations this layer raises, with PostgreSQL's messages. */
final class ProtocolErrors {
    private ProtocolErrors() {}

    /** SQLSTATE 53300; not in the common catalogue because only the protocol layer raises it. */
    static final String TOO_MANY_CONNECTIONS = "53300";
    /** SQLSTATE 22021: bytes that are not UTF-8 where text is expected. */
    static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";
    /** SQLSTATE 22P03: a binary parameter that does not decode as its type. */
    static final String INVALID_BINARY_REPRESENTATION = "22P03";
    /** SQLSTATE 42P05: Parse of a named statement that exists. */
    static final String DUPLICATE_PREPARED_STATEMENT = "42P05";
    /** SQLSTATE 42P03: Bind to a named portal that exists. */
    static final String DUPLICATE_CURSOR = "42P03";

    /** Closes the connection: the byte stream can no longer be trusted. */
    static SqlException fatal(String message) {
        return new SqlException(SqlState.PROTOCOL_VIOLATION, message).asFatal();
    }

    /** Fails one message; the connection goes on (after Sync in extended mode). */
    static SqlException error(String message) {
        return new SqlException(SqlState.PROTOCOL_VIOLATION, message);
    }

    static SqlException malformed() {
        return fatal("invalid message format");
    }
}
