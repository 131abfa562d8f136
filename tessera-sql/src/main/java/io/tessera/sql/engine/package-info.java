/**
 * The SQL engine behind {@link io.tessera.sql.api.SqlEngine}: sessions, their settings, the front
 * dispatcher for utility statements that JSqlParser does not parse (BEGIN, SET, SHOW, DROP of
 * several tables, ...), parsing into {@code io.tessera.sql.plan}, and cursors.
 *
 * <p><b>Transactions, for now.</b> There is no transaction layer yet. BEGIN, COMMIT, ROLLBACK and
 * their synonyms are accepted and the session tracks PostgreSQL's transaction status (idle, in a
 * block, failed block: after an error inside a block every statement gets 25P02 until ROLLBACK),
 * but every statement's writes are applied when the statement runs: ROLLBACK does not undo them,
 * and a statement is atomic per fragment only (one KvStore batch per fragment). The transaction
 * layer will implement {@code RowStore} with a snapshot and a write buffer and slot in between
 * the executor and the KV layer.
 *
 * <p><b>COPY and ALTER TABLE</b> are utility statements with their own small parsers
 * ({@code CopyCommand}, {@code AlterTableCommand}): PostgreSQL's option syntaxes are outside
 * JSqlParser's grammar. COPY FROM STDIN returns a cursor whose {@code CopyIn} converts records
 * ({@code CopyCodec}: text and CSV formats) into rows and writes them in batches; COPY TO runs a
 * planned SELECT and formats its rows. ALTER TABLE's row rewrites live in
 * {@code plan.AlterTablePlanner}.
 *
 * <p>A session is used by one connection thread at a time; only {@code cancel()} crosses threads.
 */
package io.tessera.sql.engine;
