/**
 * RocksDB implementation of the storage API.
 *
 * <p>Data layout. One RocksDB per node with two column families:
 * <ul>
 *   <li>{@code default}: MVCC versions. The RocksDB key is {@code E(userKey) ++ ~ts} where
 *       {@code E} escapes every 0x00 of the user key as 0x00 0xFF and ends it with 0x00 0x01 (the
 *       KeyCodec string rule), and {@code ~ts} is the bitwise complement of the timestamp, 8 bytes
 *       big-endian, so that the newest version of a key sorts first. The value is a tag byte
 *       ({@code 0x01} live, {@code 0x00} tombstone) followed by the payload.</li>
 *   <li>{@code meta}: unversioned bookkeeping (applied Raft index per group, the catalog).</li>
 * </ul>
 *
 * <p>Why escape the user key instead of appending the timestamp to the raw key: with a raw
 * {@code userKey ++ ~ts}, versions of a key {@code k} sort after a longer key {@code k ++ 0x00}
 * whenever the first timestamp byte exceeds the next key byte, so a scan bounded by
 * {@code [k, k ++ 0x00)} or a key that is a prefix of another would miss or interleave versions.
 * {@code E} is order-preserving and prefix-free for every byte string, so a user bound {@code b}
 * maps to the RocksDB bound {@code E(b)} exactly, and RocksDB's iterate-upper-bound, range deletes
 * and size estimates all work on the user key order. The cost (2 bytes and one byte per 0x00 in the
 * key) is mostly removed again by the prefix compression of SST data blocks. Rejected alternative:
 * a custom Java comparator, which crosses JNI on every comparison.
 *
 * <p>Garbage collection ({@code GarbageSweep}) relies on the newest-first order: one forward walk
 * per user key skips the versions above the horizon (seeking to {@code E(userKey) ++ ~horizon}
 * after a few), keeps the first version at or below it when live, and point-deletes the rest.
 * Rejected alternative: a RocksDB compaction filter, which would drop versions at a moment no
 * caller controls and could not be bounded to a fragment's span or tested deterministically.
 *
 * <p>User keys must not start with 0xFF: the single byte {@code 0xFF} is the end of the key space.
 */
package io.tessera.storage.impl;
