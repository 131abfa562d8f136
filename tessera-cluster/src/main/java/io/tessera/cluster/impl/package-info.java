/**
 * The catalog and the cluster over the metadata Raft group ({@code GroupKey.META}).
 *
 * <p>{@code MetadataStateMachine} applies JSON {@code MetaCommand}s deterministically (table, column
 * and fragment ids come from counters inside the catalog) and stores one meta key per object
 * ({@code CatalogStore}); after each write it publishes an immutable {@code CatalogState} that
 * {@link io.tessera.cluster.impl.RaftCatalog} reads without locks. Every node has a replica of the
 * group: the first 3 (5 from 5 nodes) are voters, the others listeners, so the catalog is read
 * locally everywhere; a lookup that misses first catches up with the leader, so a table created
 * through another node a moment ago is found.
 *
 * <p>The cluster: {@code RaftCluster} keeps the node registry (join through any node's RPC,
 * registration at each start, a heartbeat a second; liveness is the age of the last heartbeat:
 * suspect after 3 s, dead after --dead-after). Placement of each fragment is a list of node ids in
 * the catalog ({@code Placement}: wanted replicas, and the members its Raft group has). CREATE TABLE
 * chooses it ({@code PlacementPolicy}: distinct nodes, fewest replicas first, preferred leaders
 * spread) and creates the groups on those nodes; afterwards only the {@code PlacementDriver},
 * running on the metadata leader, changes groups: it re-creates replicas of dead or decommissioning
 * nodes, balances replicas and leaders after a join, and moves each group by Raft membership change
 * (joint consensus), recording the new members with a compare-and-set. Crashes between a catalog
 * change and the group changes heal on the next driver round or at the node's next start
 * ({@code RaftCatalog.reconcile()} drops groups of fragments it no longer holds).
 *
 * <p>Secondary indexes are part of their table's descriptor (so ALTER and DROP TABLE carry them
 * along and a snapshot of the catalog prefix ships them); each has fragments of its own, numbered
 * from the same counter as tables' and placed like them ({@code MetaCommand.CreateIndex} carries
 * the placements), whose Raft groups reconcile, the placement driver and DROP treat exactly like a
 * table's ({@code TableDescriptor.allFragments()}). An index id comes from the table id counter:
 * indexes are relations in PostgreSQL's namespace, so a name is a table's, a view's, a sequence's
 * or an index's. ALTER TABLE refuses to drop or retype an indexed column or to change the primary
 * key of a table with indexes, since entries encode both.
 *
 * <p>Sequences hand out blocks of 100 values per metadata command; each node serves nextval from
 * its block, so values are unique (every block is durable before use) but not gap-free or ordered
 * across nodes, like a PostgreSQL sequence with CACHE 100.
 *
 * <p>The timestamp oracle ({@code TimestampService}, the node's {@code TimestampOracle}): the
 * metadata leader hands out hybrid-format timestamps from memory ({@code TimestampAllocator}) under
 * a lease; the group stores only a {@code TimestampLease} (an epoch that fences renewals, and a
 * limit above every timestamp handed out), renewed in the background every 400 ms to 3 s ahead.
 * A new leader claims a new epoch, starts above the stored limit and waits out the previous
 * holder's lease before serving; other nodes ask the leader with the {@code tso.next} RPC, one
 * request at a time per node for all the callers waiting together ({@code TimestampBatcher}). The
 * safety argument is in {@code TimestampService}. Rejected: a Raft write per timestamp (a
 * metadata commit per statement), and serving on Raft leadership alone (a partitioned old leader
 * still believes it leads, and would hand out timestamps below the new leader's).
 */
package io.tessera.cluster.impl;
