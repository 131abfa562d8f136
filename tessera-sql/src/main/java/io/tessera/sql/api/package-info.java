/**
 * The SQL layer's API for the wire protocol: sessions, prepared statements and cursors. The
 * protocol layer sees Java values and SQL types; parsing, planning, the catalog and the storage
 * below stay behind this package.
 */
package io.tessera.sql.api;
