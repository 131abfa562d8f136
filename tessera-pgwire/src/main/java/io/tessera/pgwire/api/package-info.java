/**
 * The PostgreSQL wire protocol server as the rest of a node sees it: {@link
 * io.tessera.pgwire.api.PgServer} (start, bound port, graceful close), its typed configuration
 * {@link io.tessera.pgwire.api.PgServerConfig}, the {@link io.tessera.pgwire.api.Authenticator}
 * seam where SCRAM-SHA-256 plugs in, and the {@link io.tessera.pgwire.api.PgWireCounters} hook for
 * metrics. Everything else of the module is an implementation detail in {@code io.tessera.pgwire}.
 */
package io.tessera.pgwire.api;
