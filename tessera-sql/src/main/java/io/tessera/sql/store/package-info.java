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
 * <p>Row layout: the key is {@code KeySpace.tableKey(tableId, KeyCodec(primary-key values))}, the value
 * is {@code RowCodec} of the non-key columns under their column ids. Key columns are decoded from
 * the key, so they are never stored twice.
 */
package io.tessera.sql.store;
