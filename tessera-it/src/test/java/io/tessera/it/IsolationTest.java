package io.tessera.it;

import static io.tessera.it.TxSql.contents;
import static io.tessera.it.TxSql.exec;
import static io.tessera.it.TxSql.queryLong;
import static io.tessera.it.TxSql.queryLongOrNull;
import static io.tessera.it.TxSql.queryString;
import static io.tessera.it.TxSql.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classic anomalies, two pgjdbc sessions on one node against tables of six fragments, so a
 * transaction's rows live in several Raft groups. Isolation levels are set with PostgreSQL's own
 * statements ({@code BEGIN ISOLATION LEVEL ...}, {@code SET TRANSACTION ...}); every transaction
 * reads once before the interesting step because PostgreSQL takes a REPEATABLE READ snapshot at the
 * first statement, not at BEGIN.
 *
 * <p>A reader that meets another transaction's uncommitted write may either read below it or wait
 * for that transaction to end; both are correct, so statements that may wait run on a second
 * thread, and only the outcome is asserted. Where a test can only be strong when the reader does
 * not wait (no dirty read of a later-committed value), a variant with ROLLBACK is strong either way.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IsolationTest {
    /** Rows per table: ids 1..ROWS, spread over the fragments by hash. */
    private static final int ROWS = 24;
    private static final int FRAGMENTS = 6;
    /** How long a statement that may wait on another transaction's lock gets before the test moves on. */
    private static final Duration LOCK_WAIT_GRACE = Duration.ofSeconds(2);
    /** Bound on a wait that must end: a lock released by COMMIT, ROLLBACK, a disconnect or its TTL. */
    private static final Duration MUST_END = Duration.ofSeconds(45);

    static NodeProcess node;
    static ExecutorService threads;

    @BeforeAll
    static void setUp() throws Exception {
        node = SharedNode.get();
        threads = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterAll
    static void tearDown() {
        threads.shutdownNow();
    }

    /** A fresh {@code table (id BIGINT PRIMARY KEY, v BIGINT)} with rows {@code (i, 10 * i)}, i = 1..ROWS. */
    private static void fresh(String table) throws SQLException {
        try (Connection c = TxSql.open(node)) {
            exec(c, "DROP TABLE IF EXISTS " + table);
            exec(c, "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, v BIGINT NOT NULL) WITH (fragments = " + FRAGMENTS + ")");
            StringBuilder insert = new StringBuilder("INSERT INTO " + table + " VALUES ");
            for (int i = 1; i <= ROWS; i++) {
                insert.append(i == 1 ? "" : ", ").append('(').append(i).append(", ").append(10L * i).append(')');
            }
            exec(c, insert.toString());
        }
    }

    /** As {@link #fresh} but shaped as pgbench makes its tables: no key at CREATE, rows loaded, then ADD PRIMARY KEY. */
    private static void freshKeyedLater(String table) throws SQLException {
        try (Connection c = TxSql.open(node)) {
            exec(c, "DROP TABLE IF EXISTS " + table);
            exec(c, "CREATE TABLE " + table + " (id BIGINT NOT NULL, v BIGINT NOT NULL) WITH (fragments = " + FRAGMENTS + ")");
            StringBuilder insert = new StringBuilder("INSERT INTO " + table + " VALUES ");
            for (int i = 1; i <= ROWS; i++) {
                insert.append(i == 1 ? "" : ", ").append('(').append(i).append(", ").append(10L * i).append(')');
            }
            exec(c, insert.toString());
            exec(c, "ALTER TABLE " + table + " ADD PRIMARY KEY (id)");
        }
    }

    private static long value(Connection c, String table, long id) throws SQLException {
        return queryLong(c, "SELECT v FROM " + table + " WHERE id = " + id);
    }

    // ---- dirty reads ----

    @Test
    void uncommittedWritesAreInvisibleToOthersAndVisibleAfterCommit() throws Exception {
        String t = "iso_dirty";
        fresh(t);
        try (Connection writer = TxSql.open(node); Connection reader = TxSql.open(node)) {
            exec(writer, "BEGIN");
            update(writer, "UPDATE " + t + " SET v = -1 WHERE id = 3");
            update(writer, "INSERT INTO " + t + " VALUES (1000, -1)");
            update(writer, "DELETE FROM " + t + " WHERE id = 5");
            Future<Map<Long, Long>> read = threads.submit(() -> contents(reader, t));
            Map<Long, Long> seen = awaitOrNull(read, LOCK_WAIT_GRACE);
            if (seen != null) {
                assertThat(seen).as("another session reads the committed state while the writer is open")
                        .containsEntry(3L, 30L).containsEntry(5L, 50L).doesNotContainKey(1000L).hasSize(ROWS);
            } else {
                System.out.println("IsolationTest: the reader waits on the writer's uncommitted rows");
            }
            exec(writer, "COMMIT");
            if (seen == null) {
                Map<Long, Long> late = read.get(MUST_END.toSeconds(), TimeUnit.SECONDS);
                assertThat(late).as("a reader that waited sees the state before or after the commit, nothing between")
                        .satisfiesAnyOf(m -> assertThat(m).containsEntry(3L, 30L).containsEntry(5L, 50L).hasSize(ROWS),
                                m -> assertThat(m).containsEntry(3L, -1L).containsEntry(1000L, -1L)
                                        .doesNotContainKey(5L).hasSize(ROWS));
            }
            assertThat(contents(reader, t)).as("after COMMIT the next statement sees all three writes")
                    .containsEntry(3L, -1L).containsEntry(1000L, -1L).doesNotContainKey(5L).hasSize(ROWS);
        }
    }

    @Test
    void writesRolledBackAreNeverSeenEvenByAReaderThatWaited() throws Exception {
        String t = "iso_dirty_rb";
        fresh(t);
        try (Connection writer = TxSql.open(node); Connection reader = TxSql.open(node)) {
            Map<Long, Long> before = contents(reader, t);
            exec(writer, "BEGIN");
            for (long id = 1; id <= ROWS; id += 4) {
                update(writer, "UPDATE " + t + " SET v = -1 WHERE id = " + id);
            }
            update(writer, "INSERT INTO " + t + " VALUES (1001, -1), (1002, -1), (1003, -1)");
            Future<Map<Long, Long>> read = threads.submit(() -> contents(reader, t));
            awaitOrNull(read, LOCK_WAIT_GRACE);
            exec(writer, "ROLLBACK");
            assertThat(read.get(MUST_END.toSeconds(), TimeUnit.SECONDS)).as("a read concurrent with a rolled-back writer")
                    .isEqualTo(before);
            assertThat(contents(reader, t)).isEqualTo(before);
        }
    }

    // ---- repeatable and non-repeatable reads ----

    @Test
    void repeatableReadKeepsItsSnapshotAcrossAnotherCommit() throws Exception {
        String t = "iso_rr";
        fresh(t);
        try (Connection tx = TxSql.open(node); Connection other = TxSql.open(node)) {
            exec(tx, "BEGIN ISOLATION LEVEL REPEATABLE READ");
            assertThat(queryString(tx, "SHOW transaction_isolation")).isEqualTo("repeatable read");
            assertThat(value(tx, t, 7)).isEqualTo(70);
            long count = queryLong(tx, "SELECT count(*) FROM " + t);
            update(other, "UPDATE " + t + " SET v = 71 WHERE id = 7");
            update(other, "INSERT INTO " + t + " VALUES (2000, 1)");
            update(other, "DELETE FROM " + t + " WHERE id = 8");
            assertThat(value(tx, t, 7)).as("no non-repeatable read").isEqualTo(70);
            assertThat(queryLong(tx, "SELECT count(*) FROM " + t)).as("no phantom").isEqualTo(count);
            assertThat(queryLongOrNull(tx, "SELECT v FROM " + t + " WHERE id = 8")).as("a row deleted since is still there")
                    .isEqualTo(80);
            assertThat(queryLongOrNull(tx, "SELECT v FROM " + t + " WHERE id = 2000")).isNull();
            exec(tx, "COMMIT");
            assertThat(value(tx, t, 7)).as("the next transaction sees the commit").isEqualTo(71);
        }
    }

    @Test
    void readCommittedSeesAnotherCommitInItsNextStatement() throws Exception {
        String t = "iso_rc";
        fresh(t);
        try (Connection tx = TxSql.open(node); Connection other = TxSql.open(node)) {
            exec(tx, "BEGIN");
            exec(tx, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
            assertThat(queryString(tx, "SHOW transaction_isolation")).isEqualTo("read committed");
            assertThat(value(tx, t, 7)).isEqualTo(70);
            update(other, "UPDATE " + t + " SET v = 72 WHERE id = 7");
            update(other, "INSERT INTO " + t + " VALUES (2001, 1)");
            assertThat(value(tx, t, 7)).as("READ COMMITTED: each statement reads the latest commit").isEqualTo(72);
            assertThat(queryLongOrNull(tx, "SELECT v FROM " + t + " WHERE id = 2001")).isEqualTo(1);
            exec(tx, "COMMIT");
        }
    }

    @Test
    void isolationLevelIsSetByEachPostgresForm() throws Exception {
        try (Connection c = TxSql.open(node)) {
            exec(c, "BEGIN ISOLATION LEVEL REPEATABLE READ");
            assertThat(queryString(c, "SHOW transaction_isolation")).isEqualTo("repeatable read");
            exec(c, "COMMIT");
            exec(c, "START TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            assertThat(queryString(c, "SHOW transaction_isolation")).isEqualTo("serializable");
            exec(c, "COMMIT");
            exec(c, "BEGIN");
            exec(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            assertThat(queryString(c, "SHOW transaction_isolation")).isEqualTo("repeatable read");
            exec(c, "COMMIT");
            assertThat(queryString(c, "SHOW transaction_isolation")).as("back to the default after the block")
                    .isEqualTo("read committed");
            // What pgjdbc's Connection.setTransactionIsolation sends.
            exec(c, "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            assertThat(queryString(c, "SHOW default_transaction_isolation")).isEqualTo("repeatable read");
            exec(c, "BEGIN");
            assertThat(queryString(c, "SHOW transaction_isolation")).isEqualTo("repeatable read");
            exec(c, "COMMIT");
        }
    }

    // ---- own writes, rollback, statement atomicity ----

    @Test
    void aTransactionSeesItsOwnWritesAcrossFragments() throws Exception {
        String t = "iso_own";
        fresh(t);
        try (Connection tx = TxSql.open(node); Connection other = TxSql.open(node)) {
            exec(tx, "BEGIN");
            update(tx, "INSERT INTO " + t + " VALUES (101, 1), (102, 2), (103, 3), (104, 4), (105, 5), (106, 6)");
            assertThat(update(tx, "UPDATE " + t + " SET v = v + 1000 WHERE id <= 6")).isEqualTo(6);
            assertThat(update(tx, "DELETE FROM " + t + " WHERE id IN (7, 8, 9, 101)")).isEqualTo(4);
            Map<Long, Long> inside = contents(tx, t);
            assertThat(inside).hasSize(ROWS + 6 - 4).containsEntry(1L, 1010L).containsEntry(6L, 1060L)
                    .containsEntry(106L, 6L).doesNotContainKeys(7L, 8L, 9L, 101L);
            assertThat(queryLong(tx, "SELECT sum(v) FROM " + t + " WHERE id > 100")).isEqualTo(2 + 3 + 4 + 5 + 6);
            assertThat(value(tx, t, 102)).isEqualTo(2);
            exec(tx, "COMMIT");
            assertThat(contents(other, t)).as("after COMMIT others see exactly what the transaction saw").isEqualTo(inside);
        }
    }

    @Test
    void rollbackUndoesInsertsUpdatesAndDeletesInEveryFragment() throws Exception {
        String t = "iso_rollback";
        fresh(t);
        Map<Long, Long> before;
        try (Connection tx = TxSql.open(node)) {
            before = contents(tx, t);
            exec(tx, "BEGIN");
            for (int i = 1; i <= 8; i++) {
                update(tx, "INSERT INTO " + t + " VALUES (" + (500 + i) + ", " + i + ")");
            }
            assertThat(update(tx, "UPDATE " + t + " SET v = 0 WHERE id BETWEEN 1 AND 12")).isEqualTo(12);
            assertThat(update(tx, "DELETE FROM " + t + " WHERE id > 12 AND id <= " + ROWS)).isEqualTo(ROWS - 12);
            assertThat(queryLong(tx, "SELECT count(*) FROM " + t)).isEqualTo(12 + 8);
            exec(tx, "ROLLBACK");
            assertThat(contents(tx, t)).as("ROLLBACK leaves the table as it was").isEqualTo(before);
        }
        try (Connection fresh = TxSql.open(node)) {
            assertThat(contents(fresh, t)).as("through a new session too").isEqualTo(before);
        }
    }

    @Test
    void autocommitStatementThatFailsHalfwayChangesNothing() throws Exception {
        String t = "iso_stmt";
        fresh(t);
        try (Connection c = TxSql.open(node)) {
            Map<Long, Long> before = contents(c, t);
            SQLException e = catchThrowableOfType(SQLException.class,
                    () -> update(c, "UPDATE " + t + " SET v = 1000 / (id - 13)"));
            assertThat((Object) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("22012");
            assertThat(contents(c, t)).as("a failed statement is atomic: no row of any fragment changed").isEqualTo(before);
        }
    }

    @Test
    void statementErrorAbortsTheTransactionUntilRollback() throws Exception {
        String t = "iso_25p02";
        fresh(t);
        try (Connection tx = TxSql.open(node); Connection other = TxSql.open(node)) {
            exec(tx, "BEGIN");
            update(tx, "INSERT INTO " + t + " VALUES (300, 1)");
            update(tx, "UPDATE " + t + " SET v = -1 WHERE id = 1");
            assertThat(stateOf(() -> update(tx, "INSERT INTO " + t + " VALUES (2, 0)"))).isEqualTo("23505");
            assertThat(stateOf(() -> queryLong(tx, "SELECT 1"))).isEqualTo("25P02");
            assertThat(stateOf(() -> update(tx, "UPDATE " + t + " SET v = 5 WHERE id = 4"))).isEqualTo("25P02");
            exec(tx, "COMMIT"); // answered ROLLBACK, as PostgreSQL does for a failed block
            assertThat(queryLong(tx, "SELECT 1")).as("the session works again").isEqualTo(1);
            assertThat(queryLongOrNull(other, "SELECT v FROM " + t + " WHERE id = 300")).as("the insert before the error").isNull();
            assertThat(value(other, t, 1)).as("the update before the error").isEqualTo(10);

            exec(tx, "BEGIN");
            update(tx, "UPDATE " + t + " SET v = -2 WHERE id = 1");
            assertThat(stateOf(() -> queryLong(tx, "SELECT 1 / 0"))).isEqualTo("22012");
            assertThat(stateOf(() -> queryLong(tx, "SELECT 1"))).isEqualTo("25P02");
            exec(tx, "ROLLBACK");
            assertThat(value(tx, t, 1)).isEqualTo(10);
        }
    }

    // ---- concurrent writers ----

    @Test
    void repeatableReadLostUpdateIsPreventedWith40001() throws Exception {
        String t = "iso_lost_rr";
        fresh(t);
        try (Connection t1 = TxSql.open(node); Connection t2 = TxSql.open(node)) {
            exec(t1, "BEGIN ISOLATION LEVEL REPEATABLE READ");
            exec(t2, "BEGIN ISOLATION LEVEL REPEATABLE READ");
            assertThat(value(t1, t, 11)).isEqualTo(110);
            assertThat(value(t2, t, 11)).isEqualTo(110);
            Outcome o1 = Outcome.of(() -> update(t1, "UPDATE " + t + " SET v = v + 1 WHERE id = 11"));
            Future<Outcome> second = threads.submit(() -> Outcome.of(() -> update(t2, "UPDATE " + t + " SET v = v + 1 WHERE id = 11")));
            awaitOrNull(second, LOCK_WAIT_GRACE);
            Outcome c1 = o1.failed() ? o1 : Outcome.of(() -> exec(t1, "COMMIT"));
            if (o1.failed()) {
                exec(t1, "ROLLBACK");
            }
            Outcome o2 = second.get(MUST_END.toSeconds(), TimeUnit.SECONDS);
            Outcome c2 = o2.failed() ? o2 : Outcome.of(() -> exec(t2, "COMMIT"));
            if (o2.failed()) {
                exec(t2, "ROLLBACK");
            }
            System.out.printf("IsolationTest: REPEATABLE READ concurrent increments: first %s, second %s%n", c1, c2);
            assertThat(List.of(c1.state(), c2.state())).as("exactly one of the two commits, the other gets 40001")
                    .containsExactlyInAnyOrder("ok", "40001");
            assertThat(value(t1, t, 11)).as("one increment, not two and not zero").isEqualTo(111);
        }
    }

    @Test
    void readCommittedConcurrentIncrementsBothLand() throws Exception {
        String t = "iso_lost_rc";
        fresh(t);
        try (Connection t1 = TxSql.open(node); Connection t2 = TxSql.open(node)) {
            exec(t1, "BEGIN ISOLATION LEVEL READ COMMITTED");
            exec(t2, "BEGIN ISOLATION LEVEL READ COMMITTED");
            assertThat(value(t1, t, 12)).isEqualTo(120);
            assertThat(value(t2, t, 12)).isEqualTo(120);
            assertThat(update(t1, "UPDATE " + t + " SET v = v + 1 WHERE id = 12")).isEqualTo(1);
            Future<Integer> second = threads.submit(() -> update(t2, "UPDATE " + t + " SET v = v + 1 WHERE id = 12"));
            Integer early = awaitOrNull(second, LOCK_WAIT_GRACE);
            System.out.println("IsolationTest: READ COMMITTED second increment " + (early == null
                    ? "waits for the first transaction" : "returned before the first committed"));
            exec(t1, "COMMIT");
            assertThat(second.get(MUST_END.toSeconds(), TimeUnit.SECONDS)).as("the waiting UPDATE re-reads the committed row")
                    .isEqualTo(1);
            assertThat(value(t2, t, 12)).as("its own write on top of the first commit").isEqualTo(122);
            exec(t2, "COMMIT");
            assertThat(value(t1, t, 12)).as("both increments land").isEqualTo(122);
        }
    }

    /**
     * pgbench's pattern on its hottest row: clients in READ COMMITTED each update a row of their own,
     * then one shared row, and commit, retrying on 40001/40P01 as pgbench's --max-tries does.
     * Afterwards the shared row counts exactly the committed transactions: a retried transaction
     * leaves nothing behind, a committed one is counted once. Run on a table keyed at CREATE TABLE
     * and on one shaped as pgbench makes its tables (ADD PRIMARY KEY after the load).
     */
    @ParameterizedTest(name = "primary key {0}")
    @ValueSource(strings = {"in CREATE TABLE", "added by ALTER TABLE as pgbench does"})
    void readCommittedHotRowCountsEveryCommittedIncrement(String keyed) throws Exception {
        String t = keyed.startsWith("in") ? "iso_hot" : "iso_hot_altered";
        if (keyed.startsWith("in")) {
            fresh(t);
        } else {
            freshKeyedLater(t);
        }
        int clients = 8;
        int perClient = 40;
        long hot = ROWS;
        List<Future<Integer>> retries = new ArrayList<>();
        for (int i = 1; i <= clients; i++) {
            long own = i;
            retries.add(threads.submit(() -> incrementLoop(t, own, hot, perClient)));
        }
        int retried = 0;
        for (Future<Integer> f : retries) {
            retried += f.get(MUST_END.toSeconds() * 2, TimeUnit.SECONDS);
        }
        System.out.printf("IsolationTest: READ COMMITTED hot row, %d clients x %d commits, %d retries (40001/40P01)%n",
                clients, perClient, retried);
        try (Connection c = TxSql.open(node)) {
            for (long own = 1; own <= clients; own++) {
                assertThat(value(c, t, own)).as("client %d's own row", own).isEqualTo(10 * own + perClient);
            }
            assertThat(value(c, t, hot)).as("the shared row: one increment per committed transaction")
                    .isEqualTo(10 * hot + (long) clients * perClient);
        }
    }

    /** {@code commits} transactions that increment rows {@code own} and {@code hot}; returns how many attempts were retried. */
    private static int incrementLoop(String t, long own, long hot, int commits) throws SQLException {
        int retried = 0;
        try (Connection c = TxSql.open(node)) {
            c.setAutoCommit(false);
            for (int done = 0; done < commits; ) {
                try {
                    update(c, "UPDATE " + t + " SET v = v + 1 WHERE id = " + own);
                    update(c, "UPDATE " + t + " SET v = v + 1 WHERE id = " + hot);
                    c.commit();
                    done++;
                } catch (SQLException e) {
                    if (!TxSql.isRetry(e)) {
                        throw e;
                    }
                    retried++;
                    c.rollback();
                }
            }
        }
        return retried;
    }

    @Test
    void writeSkewHappensUnderRepeatableRead() throws Exception {
        SkewResult r = writeSkew("iso_skew_rr", "REPEATABLE READ");
        System.out.println("IsolationTest: write skew under REPEATABLE READ (snapshot isolation): " + r);
        assertThat(r.first()).as("snapshot isolation lets both commit").isEqualTo("ok");
        assertThat(r.second()).isEqualTo("ok");
        assertThat(r.onCallAfter()).as("the invariant 'someone is on call' is broken: write skew, as documented").isZero();
    }

    @Test
    void writeSkewUnderSerializableIsReported() throws Exception {
        SkewResult r = writeSkew("iso_skew_ser", "SERIALIZABLE");
        boolean skew = r.first().equals("ok") && r.second().equals("ok");
        System.out.println("IsolationTest: SERIALIZABLE " + (skew ? "behaves as snapshot isolation (write skew happens)"
                : "prevents write skew") + ": " + r);
        if (skew) {
            assertThat(r.onCallAfter()).isZero();
        } else {
            assertThat(List.of(r.first(), r.second())).containsExactlyInAnyOrder("ok", "40001");
            assertThat(r.onCallAfter()).isEqualTo(1);
        }
    }

    /** Two doctors on call (rows 1 and 2); each transaction sees two on call and takes one off, a different one. */
    private SkewResult writeSkew(String t, String level) throws Exception {
        fresh(t);
        try (Connection t1 = TxSql.open(node); Connection t2 = TxSql.open(node)) {
            exec(t1, "UPDATE " + t + " SET v = 1 WHERE id IN (1, 2)");
            exec(t1, "BEGIN ISOLATION LEVEL " + level);
            exec(t2, "BEGIN ISOLATION LEVEL " + level);
            String onCall = "SELECT count(*) FROM " + t + " WHERE id IN (1, 2) AND v = 1";
            assertThat(queryLong(t1, onCall)).isEqualTo(2);
            assertThat(queryLong(t2, onCall)).isEqualTo(2);
            Outcome w1 = Outcome.of(() -> update(t1, "UPDATE " + t + " SET v = 0 WHERE id = 1"));
            Outcome w2 = Outcome.of(() -> update(t2, "UPDATE " + t + " SET v = 0 WHERE id = 2"));
            Outcome c1 = w1.failed() ? w1 : Outcome.of(() -> exec(t1, "COMMIT"));
            Outcome c2 = w2.failed() ? w2 : Outcome.of(() -> exec(t2, "COMMIT"));
            rollbackIfFailed(t1, c1);
            rollbackIfFailed(t2, c2);
            return new SkewResult(c1.state(), c2.state(), queryLong(t1, onCall));
        }
    }

    record SkewResult(String first, String second, long onCallAfter) {}

    private static void rollbackIfFailed(Connection c, Outcome o) throws SQLException {
        if (o.failed()) {
            exec(c, "ROLLBACK");
        }
    }

    // ---- disconnects ----

    @Test
    void abruptDisconnectRollsBackAndReleasesTheRows() throws Exception {
        String t = "iso_abort";
        fresh(t);
        Connection tx = TxSql.open(node);
        exec(tx, "BEGIN");
        update(tx, "UPDATE " + t + " SET v = -1 WHERE id IN (1, 2, 3, 4, 5, 6)");
        update(tx, "INSERT INTO " + t + " VALUES (400, -1)");
        tx.abort(threads); // pgjdbc closes the socket without a Terminate message, as a crashed client would
        assertReleased(t, List.of(1L, 2L, 3L, 4L, 5L, 6L), 400L);
    }

    @Test
    void killedPsqlRollsBackAndReleasesTheRows() throws Exception {
        String t = "iso_psql_kill";
        fresh(t);
        Process psql = new ProcessBuilder("psql", "-X", "-q", "-h", "127.0.0.1", "-p", String.valueOf(node.sqlPort()),
                "-U", "tessera", "-d", "tessera").redirectErrorStream(true).start();
        try {
            OutputStream in = psql.getOutputStream();
            in.write(("BEGIN;\nUPDATE " + t + " SET v = -1 WHERE id IN (7, 8, 9, 10);\nINSERT INTO " + t
                    + " VALUES (401, -1);\n\\warn inside\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            String out = readUntil(psql.getInputStream(), "inside", MUST_END);
            assertThat(out).as("psql output").contains("inside").doesNotContain("ERROR");
        } finally {
            psql.destroyForcibly(); // kill -9: the socket closes without COMMIT or Terminate
            psql.waitFor();
        }
        assertReleased(t, List.of(7L, 8L, 9L, 10L), 401L);
    }

    /** The rows are unchanged, the inserted row absent, and another session can update the rows within {@link #MUST_END}. */
    private void assertReleased(String t, List<Long> updated, long inserted) throws Exception {
        try (Connection c = TxSql.open(node)) {
            Future<Integer> write = threads.submit(() -> update(c, "UPDATE " + t + " SET v = v + 1 WHERE id IN ("
                    + String.join(", ", updated.stream().map(String::valueOf).toList()) + ")"));
            assertThat(write.get(MUST_END.toSeconds(), TimeUnit.SECONDS)).as("the dead session's rows are writable again")
                    .isEqualTo(updated.size());
            for (long id : updated) {
                assertThat(value(c, t, id)).as("row %d: the disconnected transaction's update is gone", id).isEqualTo(10 * id + 1);
            }
            assertThat(queryLongOrNull(c, "SELECT v FROM " + t + " WHERE id = " + inserted)).isNull();
            assertThat(update(c, "INSERT INTO " + t + " VALUES (" + inserted + ", 7)")).as("its inserted key is free").isEqualTo(1);
        }
    }

    private static String readUntil(InputStream in, String marker, Duration deadline) throws Exception {
        Future<String> reader = threads.submit(() -> {
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[4096];
            int n;
            while (!seen.toString().contains(marker) && (n = in.read(buf)) > 0) {
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            return seen.toString();
        });
        return reader.get(deadline.toSeconds(), TimeUnit.SECONDS);
    }

    // ---- helpers ----

    /** The result when it comes within {@code grace}, or null while it still runs (it may wait on a lock). */
    private static <T> T awaitOrNull(Future<T> f, Duration grace) throws InterruptedException, ExecutionException {
        try {
            return f.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        }
    }

    private static String stateOf(SqlAction action) {
        return Outcome.of(action).state();
    }

    @FunctionalInterface
    interface SqlAction {
        void run() throws SQLException;
    }

    /** How a statement ended: "ok" or its SQLSTATE, with the message for reports. */
    record Outcome(String state, String message) {
        static Outcome of(SqlAction action) {
            try {
                action.run();
                return new Outcome("ok", "");
            } catch (SQLException e) {
                return new Outcome(TxSql.state(e), e.getMessage());
            }
        }

        boolean failed() {
            return !state.equals("ok");
        }

        @Override
        public String toString() {
            return failed() ? state + " (" + message + ")" : "committed";
        }
    }
}
