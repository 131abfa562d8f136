package io.tessera.pgwire.api;

import java.io.IOException;

/**
 * The authentication messages of one connection, for an {@link Authenticator}.
 *
 * <p>Example, SCRAM-SHA-256: {@code sendRequest(10, "SCRAM-SHA-256\0\0")}, {@code
 * readResponse()} (SASLInitialResponse), {@code sendRequest(11, serverFirst)}, {@code
 * readResponse()} (SASLResponse), {@code sendRequest(12, serverFinal)}.
 */
public interface AuthExchange {

    /** AuthenticationCleartextPassword. */
    int CLEARTEXT_PASSWORD = 3;
    /** AuthenticationSASL: data is the list of mechanism names, each NUL-terminated, then a NUL. */
    int SASL = 10;
    /** AuthenticationSASLContinue: data is the server-first message. */
    int SASL_CONTINUE = 11;
    /** AuthenticationSASLFinal: data is the server-final message. */
    int SASL_FINAL = 12;

    /** Sends an Authentication request ('R') with this code and data and flushes it. */
    void sendRequest(int code, byte[] data) throws IOException;

    /**
     * Reads the client's next message, which must be a PasswordMessage / SASLInitialResponse /
     * SASLResponse ('p'); returns its body. Anything else is a FATAL protocol violation.
     */
    byte[] readResponse() throws IOException;
}
