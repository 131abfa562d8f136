/**
 * The KV layer's API: {@link io.tessera.kv.api.KvStore} routes reads and atomic write batches to
 * fragments. The SQL layer sees keys and values, never Raft groups or RocksDB.
 */
package io.tessera.kv.api;
