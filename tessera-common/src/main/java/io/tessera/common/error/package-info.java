/**
 * The error catalogue: {@link io.tessera.common.error.SqlState} lists every SQLSTATE Tessera
 * raises, {@link io.tessera.common.error.SqlException} carries one to the client. Layers below
 * SQL throw the same type so that a unique violation detected inside a fragment's state machine
 * reaches psql unchanged.
 */
package io.tessera.common.error;
