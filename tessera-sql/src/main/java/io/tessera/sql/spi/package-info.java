/**
 * The SQL engine's extension points: system tables and functions (pg_catalog,
 * information_schema, tessera.*) that the engine scans and calls like its own, and the OIDs of
 * user objects.
 */
package io.tessera.sql.spi;
