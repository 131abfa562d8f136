/**
 * The KV layer's API: {@link io.tessera.kv.api.KvStore} routes reads and atomic write batches to
 * fragments; {@link io.tessera.kv.api.FragmentRouter} says which fragments own a key or a span;
 * {@link io.tessera.kv.api.StorageNode} wires the lower half of a node (lock, storage, Raft host,
 * catalog, KV) for the server. The SQL layer sees keys and values, never Raft groups or RocksDB.
 */
package io.tessera.kv.api;
