package io.tessera.sql.api;

import java.util.Map;

/** The SQL layer of one node: it opens sessions for the wire protocol. */
public interface SqlEngine {

    /**
     * Opens a session for an authenticated user. {@code startupParameters} are those of the
     * StartupMessage (application_name, client_encoding, DateStyle, TimeZone, ...); the session
     * adopts the ones it knows. Throws 3D000 for a database other than {@code tessera}.
     */
    SqlSession openSession(String user, String database, Map<String, String> startupParameters);

    /** The settings sent as ParameterStatus after authentication, in PostgreSQL's order. */
    Map<String, String> initialParameterStatus(SqlSession session);
}
