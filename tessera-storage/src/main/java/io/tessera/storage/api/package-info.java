/**
 * The storage layer's API: one {@link io.tessera.storage.api.StorageEngine} per node, a local,
 * multi-version key-value engine that the replication layer's state machines apply commands to.
 *
 * <p>What it owns: MVCC versions of user keys (newest version at or below a read timestamp wins,
 * a tombstone hides older versions), atomic write batches, an unversioned "meta" key space for
 * per-fragment bookkeeping (applied Raft index) and the catalog, WAL sync, checkpoints for
 * snapshots, size estimates for the placement driver, and consistent snapshots read as raw pairs
 * ({@link io.tessera.storage.api.StorageSnapshot}) that another node writes back unchanged
 * ({@code StorageBatch.putRaw}) to receive a replica's span.
 *
 * <p>Garbage collection of old versions ({@code StorageEngine.collectGarbage}) is local and
 * unlogged: below a horizon timestamp it removes what no read at or after the horizon can see, in
 * bounded passes of point deletes. Deciding the horizon, and refusing reads below it, is the job
 * of the layers above.
 *
 * <p>What it must not do: know about Raft, fragments, tables or SQL. It never imports Ratis; the
 * replication layer decides what an applied index means and stores it through this API in the same
 * batch as the data it covers.
 *
 * <p>Errors: a full disk is {@code SqlException} 53100 (the caller may retry after space is freed);
 * any other I/O failure is {@code SqlException} 58030; a broken on-disk invariant (a value without a
 * known tag) is an {@link IllegalStateException}, which stops the replica that read it.
 */
package io.tessera.storage.api;
