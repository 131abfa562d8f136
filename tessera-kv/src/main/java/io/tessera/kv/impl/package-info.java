/**
 * The gateway's KV store over the Raft host ({@link io.tessera.kv.impl.RaftKvStore}) and the
 * data-directory lock. Writes: one fragment command per {@code KvStore.write}, stamped by the
 * node's hybrid clock, sent to the fragment's leader among the members its placement names (a
 * Ratis client that follows leader changes and retries, with the same call id, until the request
 * deadline; then 08006). Reads: when this node is the fragment's ready leader, its own storage
 * (bounded RocksDB iterators over the fragment's span, {@code FragmentKeys}); otherwise a Raft
 * query answered by the leader, paged for scans. Old versions: the
 * {@link io.tessera.kv.impl.VersionCollector} of each node sweeps every local replica's span in the
 * background, locally and outside Raft, removing what no read at or after {@code now - window} can
 * see, and tells readers the horizon below which they must fail with 72000 (snapshot too old).
 * Not yet: follower reads at a timestamp, leases
 * that would let a leader partitioned away stop serving local reads before a new one is elected.
 */
package io.tessera.kv.impl;
