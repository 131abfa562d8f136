package io.tessera.pgwire.api;

import java.net.InetSocketAddress;

/** Who asks to connect: the StartupMessage's user and database, and the client's address (for host rules). */
public record AuthRequest(String user, String database, InetSocketAddress remoteAddress) {}
