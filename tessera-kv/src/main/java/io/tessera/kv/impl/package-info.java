/**
 * The single-node KV store over the Raft host ({@link io.tessera.kv.impl.RaftKvStore}) and the
 * data-directory lock. Writes: one fragment command per {@code KvStore.write}, stamped by the
 * node's hybrid clock, replied to after the local apply. Reads: this node's storage, bounded
 * RocksDB iterators over the fragment's span ({@code FragmentKeys}). Not yet: forwarding to a
 * remote leader, retries on leader change beyond the Raft host's, follower reads.
 */
package io.tessera.kv.impl;
