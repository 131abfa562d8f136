/**
 * The cluster layer's API: the replicated {@link io.tessera.cluster.api.Catalog} and the
 * descriptors of tables, columns, secondary indexes and fragments that the SQL and KV layers read;
 * {@link io.tessera.cluster.api.FragmentSpans} is the fragmentation rule (hash buckets of the
 * primary key) shared by the catalog and the KV router; {@link io.tessera.cluster.api.MetadataGroup}
 * wires the catalog's state machine into a node's Raft host; {@link
 * io.tessera.cluster.api.TimestampOracle} is the cluster-wide source of transaction timestamps
 * (served by the metadata leader, one instance per node from {@code MetadataGroup.Opened}). Nothing outside this module sees the
 * metadata Raft group's commands.
 */
package io.tessera.cluster.api;
