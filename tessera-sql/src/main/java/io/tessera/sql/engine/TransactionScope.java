package io.tessera.sql.engine;

import io.tessera.kv.api.KvPair;
import io.tessera.kv.api.KvStore;
import io.tessera.kv.api.Mutation;
import io.tessera.kv.api.Transaction;
import io.tessera.kv.api.TransactionalKvStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A session's current transaction, seen as the {@link KvStore} its statements read and write
 * through. The transaction starts lazily, at the first read or write (a statement that touches
 * no table, like {@code SET} or a catalog query, takes no timestamp), and so does each statement's
 * snapshot. Thread-safe: one statement reads and writes several fragments from several threads.
 */
final class TransactionScope implements KvStore {
    private final TransactionalKvStore kv;
    private final Supplier<Transaction.Isolation> isolation;
    /** The session's reason to stop the running statement (cancel, statement_timeout), or null. */
    private final Supplier<String> interruption;
    private Transaction txn;
    private boolean statementStarted;

    TransactionScope(TransactionalKvStore kv, Supplier<Transaction.Isolation> isolation, Supplier<String> interruption) {
        this.kv = kv;
        this.isolation = isolation;
        this.interruption = interruption;
    }

    private synchronized Transaction current() {
        if (txn == null) {
            txn = kv.begin(isolation.get());
            txn.interruptWith(interruption);
        }
        if (!statementStarted) {
            txn.beginStatement();
            statementStarted = true;
        }
        return txn;
    }

    /** The next read or write belongs to a new statement. */
    synchronized void newStatement() {
        statementStarted = false;
    }

    /** Whether no transaction is open: the next statement starts one. */
    synchronized boolean isIdle() {
        return txn == null;
    }

    /** Whether the current statement may re-run on a fresh snapshot after a write conflict. */
    synchronized boolean statementRetriable() {
        return txn != null && txn.isolation() == Transaction.Isolation.READ_COMMITTED;
    }

    /** Takes back the current statement's writes so that it can run again, on a new snapshot. */
    synchronized void undoStatement() {
        if (txn != null && statementStarted) {
            txn.undoStatement();
        }
        statementStarted = false;
    }

    void commit() {
        Transaction t = take();
        if (t != null) {
            t.commit();
        }
    }

    void rollback() {
        Transaction t = take();
        if (t != null) {
            t.rollback();
        }
    }

    private synchronized Transaction take() {
        Transaction t = txn;
        txn = null;
        statementStarted = false;
        return t;
    }

    @Override
    public void write(long fragmentId, List<Mutation> mutations) {
        current().write(fragmentId, mutations);
    }

    @Override
    public Optional<byte[]> get(long fragmentId, byte[] key) {
        return current().get(fragmentId, key);
    }

    @Override
    public List<KvPair> scan(long fragmentId, byte[] startKey, byte[] endKey, int limit) {
        return current().scan(fragmentId, startKey, endKey, limit);
    }

    @Override
    public void lock(long fragmentId, List<byte[]> keys) {
        current().lock(fragmentId, keys);
    }
}
