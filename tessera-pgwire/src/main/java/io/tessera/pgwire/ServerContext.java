package io.tessera.pgwire;

import io.tessera.pgwire.api.Authenticator;
import io.tessera.pgwire.api.PgServerConfig;
import io.tessera.pgwire.api.PgWireCounters;
import io.tessera.sql.api.SqlEngine;

/** What every connection of one server shares. */
record ServerContext(PgServerConfig config, SqlEngine engine, Authenticator authenticator,
        PgWireCounters counters, ConnectionRegistry registry) {}
