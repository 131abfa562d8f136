/**
 * The cluster layer's API: the replicated {@link io.tessera.cluster.api.Catalog} and the
 * descriptors of tables, columns and fragments that the SQL and KV layers read. Nothing outside
 * this module sees the metadata Raft group itself.
 */
package io.tessera.cluster.api;
