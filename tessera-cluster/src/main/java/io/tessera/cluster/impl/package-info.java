/**
 * The catalog over the metadata Raft group ({@code GroupKey.META}).
 *
 * <p>{@code MetadataStateMachine} applies JSON {@code MetaCommand}s deterministically (table, column
 * and fragment ids come from counters inside the catalog) and stores one meta key per object
 * ({@code CatalogStore}); after each write it publishes an immutable {@code CatalogState} that
 * {@link io.tessera.cluster.impl.RaftCatalog} reads without locks. Group side effects (creating and
 * removing fragment groups) happen outside the state machine, after the command commits, on the
 * node that asked; {@code RaftCatalog.reconcile()} at start-up converges the node's groups to the
 * catalog, so a crash between the two steps heals itself.
 *
 * <p>Sequences hand out blocks of 100 values per metadata command; each node serves nextval from
 * its block, so values are unique (every block is durable before use) but not gap-free or ordered
 * across nodes, like a PostgreSQL sequence with CACHE 100.
 *
 * <p>Not yet: placement on several nodes (every fragment is created on this node with this node as
 * its only peer), table versions per object, ALTER TABLE.
 */
package io.tessera.cluster.impl;
