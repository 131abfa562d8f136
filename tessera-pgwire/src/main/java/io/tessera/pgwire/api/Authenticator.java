package io.tessera.pgwire.api;

import java.io.IOException;

/**
 * Decides whether a client may open a session, between the StartupMessage and AuthenticationOk.
 * It may run any number of request/response rounds through the {@link AuthExchange} (SCRAM-SHA-256
 * needs AuthenticationSASL, SASLContinue and SASLFinal); the server sends AuthenticationOk itself
 * once this returns.
 *
 * <p>The user name comes from the StartupMessage, never from the client's SCRAM message (libpq
 * sends an empty name there, pgjdbc {@code *}).
 */
public interface Authenticator {

    /**
     * @return the role the session runs as
     * @throws io.tessera.common.error.SqlException 28P01 (bad password) or 28000 (unknown role);
     *     the server sends it as FATAL and closes the connection
     * @throws IOException when the client goes away mid-exchange
     */
    String authenticate(AuthRequest request, AuthExchange exchange) throws IOException;
}
