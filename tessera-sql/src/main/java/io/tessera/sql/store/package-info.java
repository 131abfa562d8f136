/**
 * How the SQL layer's rows become keys and values in the KV layer. {@link io.tessera.sql.store.RowStore}
 * is the one interface the executor reads and writes table rows through, so that a transaction
 * layer can later slot in between (buffering writes, reading at a snapshot) without the planner or
 * the operators changing. {@link io.tessera.sql.store.KvRowStore} implements it directly on
 * {@code KvStore}: every statement sends one {@code KvStore.write} per fragment it touches, which
 * makes a statement atomic per fragment but not across fragments (that is the transaction layer's
 * job). {@link io.tessera.sql.store.FragmentRouter} is the single place that maps keys to fragments.
 *
 * <p>Assumptions about the KV layer: mutations of one batch apply in order (a Delete of a key then
 * a PutIfAbsent of it in the same batch succeeds, which moving rows and UPDATEs that shift keys
 * need), and {@code scan} pages end exactly at {@code limit} keys. A KV-reported 23505 is turned into
 * PostgreSQL's message by reading back which inserted key exists.
 *
 * <p>Row locks ({@code SELECT ... FOR UPDATE}): {@code RowStore.lockRows} turns rows into their
 * table keys and asks {@code KvStore.lock} for each fragment's keys; a transactional KvStore holds
 * them until its transaction ends, the plain one does nothing lasting. Index entries are not
 * locked: a writer of the row takes the row's key, so the row's lock is enough.
 *
 * <p>Row layout: the key is {@code KeySpace.tableKey(tableId, KeyCodec(primary-key values))}, the value
 * is {@code RowCodec} of the non-key columns under their column ids. Key columns are decoded from
 * the key, so they are never stored twice.
 *
 * <p>Secondary indexes ({@link io.tessera.sql.store.IndexLayout}): an entry's key is
 * {@code KeySpace.indexKey(indexId, KeyCodec(indexed values), suffix)} and its value the row's
 * encoded primary key. A unique index's entry of non-NULL values has no suffix, so a second row
 * with the same values collides on PutIfAbsent; every other entry (non-unique indexes, and unique
 * ones holding a NULL, since NULLs are distinct) has the primary key as suffix and never collides.
 * Entries live in the index's own fragments, routed by the hash of the indexed values alone
 * ({@code FragmentSpans.bucketHash(key, valuesEnd)}): an equality lookup reads one fragment of the
 * index, then each row by primary key (the row is checked against the values again). INCLUDE
 * columns are recorded in the catalog but not stored in entries: there are no index-only scans yet.
 * An expression key part ({@code IndexExpression}) is computed from the row by the SQL layer's
 * {@link io.tessera.sql.store.KeyExpressions} wherever the store needs an entry's values (writes,
 * backfill, the re-check of a lookup), and encoded like a column of its type.
 *
 * <p>Ordered reads ({@code RowStore.orderedIndexScan}, for ORDER BY ... LIMIT): each index fragment
 * holds its share of the entries sorted by key (a hash bucket of the values, not a range), so the
 * index's key order is a merge of one sorted stream per fragment; each stream reads a first page as
 * large as the LIMIT, then full pages as the merge needs them. There is no backward scan in the KV
 * layer, so only ascending order (NULLs last, the key encoding's) is read this way.
 *
 * <p>Maintenance in {@code KvRowStore.apply}, for the indexes of the catalog's current descriptor
 * (write-only ones included, which CREATE INDEX's backfill relies on): (1) new entries, unique
 * ones with PutIfAbsent, so a duplicate fails the statement before any row is written; (2) the
 * rows; (3) deletion of the entries the changed or removed rows no longer have. When (1) fails in
 * some fragments or (2) fails, the unique entries the statement added for rows not written are
 * deleted again. An UPDATE that leaves the indexed values alone writes no entries.
 *
 * <p>Consistency across fragments is best-effort until transactions (issue 4): the table's and
 * the index's fragments are separate Raft groups, written one after the other. A crash between
 * the steps leaves <em>extra</em> entries, never missing ones for acknowledged rows: an entry
 * whose row was not written, or whose row was deleted or changed. Readers are immune (a lookup
 * re-checks each row it fetches), but a stray unique entry keeps its value taken (a false 23505)
 * until its row's value is written and removed again, or the index is rebuilt (DROP and CREATE).
 * On the node running CREATE INDEX, the backfill first waits for every write that may have read
 * the catalog before the index was in it ({@link io.tessera.sql.store.WriteFence}). A writer on
 * another node whose catalog replica has not yet applied the write-only state while the backfill
 * passes may still leave its row without an entry (the F1 protocol waits out a schema lease for
 * this; catalog replicas apply the change within a heartbeat or so, and there is no lease yet).
 */
package io.tessera.sql.store;
