package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway killed while it commits many multi-fragment transactions leaves none half-done. Four
 * clients on node 3 each run transactions that insert {@link #PARTS} rows tagged with the
 * transaction's number (spread over the fragments of one table) and move money between two
 * accounts of another table; node 3 is killed with {@code kill -9} while they commit. Then, through
 * the other nodes (and through node 3 once restarted):
 * <ul>
 *   <li>every transaction is wholly present (all its rows) or wholly absent; acknowledged ones are
 *       present, ones that got 40001/40P01 are absent;</li>
 *   <li>every balance equals what the present transactions' transfers make it, so the two tables
 *       agree on which transactions happened;</li>
 *   <li>every row and key the dead transactions wrote is writable again within {@link #RESOLVE_DEADLINE}
 *       (their locks are resolved by later readers and writers once their TTL expires).</li>
 * </ul>
 */
class GatewayCrashTest {
    private static final String ROWS = "gc_rows";
    private static final String ACCOUNTS = "gc_accounts";
    private static final int PARTS = 6;
    private static final int ACCOUNT_COUNT = 12;
    private static final long INITIAL_BALANCE = 1_000;
    private static final int CLIENTS = 4;
    /** Acknowledged transactions before the kill: the clients are in full flow by then. */
    private static final int KILL_AFTER = 60;
    /** Bound on waiting for a dead gateway's locks to be resolved (their TTL plus a failover). */
    private static final Duration RESOLVE_DEADLINE = Duration.ofSeconds(Long.getLong("tessera.crash.resolve.seconds", 90));
    private static final Duration PROGRESS_DEADLINE = Duration.ofSeconds(120);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;
    static LocalCluster cluster;

    /** Every transaction a client started, by number. */
    private final Map<Long, Transfer> tried = new ConcurrentHashMap<>();
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<Long> rolledBack = ConcurrentHashMap.newKeySet();
    private final Map<String, String> unexpected = new ConcurrentHashMap<>();
    private final AtomicLong nextTxn = new AtomicLong();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.start(tmp, 3);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Transaction {@code txn}'s rows are ids {@code txn * PARTS + part}; it moves {@code amount} from one account to another. */
    record Transfer(long txn, int from, int to, long amount) {
        static Transfer of(long txn) {
            int from = (int) (txn % ACCOUNT_COUNT) + 1;
            int to = (int) ((txn * 7 + 3) % (ACCOUNT_COUNT - 1) + from) % ACCOUNT_COUNT + 1;
            return new Transfer(txn, from, to, 1 + txn % 10);
        }
    }

    @Test
    void everyTransactionIsWhollyPresentOrAbsentAfterItsGatewayDies() throws Exception {
        createTables();
        NodeProcess gateway = cluster.node(3);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(Thread.ofPlatform().name("crash-client-" + i).start(() -> runClient(gateway)));
        }
        awaitAcknowledged(KILL_AFTER);
        cluster.kill(gateway);
        int inFlight = tried.size() - acknowledged.size() - rolledBack.size();
        System.out.printf("GatewayCrashTest: killed %s with %d acknowledged, %d rolled back, %d in flight%n",
                gateway.sqlAddr(), acknowledged.size(), rolledBack.size(), inFlight);
        for (Thread t : clients) {
            t.join(Duration.ofSeconds(TxSql.SOCKET_TIMEOUT_SECONDS + 10));
        }
        assertThat(unexpected).as("client errors other than 40001, 40P01, 40003 and connection loss").isEmpty();
        for (NodeProcess survivor : cluster.runningExcept(gateway)) {
            checkThrough(survivor);
        }
        // The same checks through the dead gateway once it is back: it must not serve its own stale view.
        cluster.restart(gateway);
        try {
            checkThrough(gateway);
        } catch (AssertionError e) {
            throw new AssertionError("through the restarted gateway " + gateway.sqlAddr() + " (the survivors' checks passed): "
                    + e.getMessage(), e);
        }
    }

    private static void createTables() throws Exception {
        try (Connection c = TxSql.open(cluster.node(1))) {
            TxSql.exec(c, "CREATE TABLE " + ROWS + " (id BIGINT PRIMARY KEY, txn BIGINT NOT NULL, part INT NOT NULL)"
                    + " WITH (fragments = 6, replicas = 3)");
            TxSql.exec(c, "CREATE TABLE " + ACCOUNTS + " (id INT PRIMARY KEY, balance BIGINT NOT NULL)"
                    + " WITH (fragments = 6, replicas = 3)");
            cluster.awaitLeaders(ROWS, 3, PROGRESS_DEADLINE);
            cluster.awaitLeaders(ACCOUNTS, 3, PROGRESS_DEADLINE);
            StringBuilder insert = new StringBuilder("INSERT INTO " + ACCOUNTS + " VALUES ");
            for (int id = 1; id <= ACCOUNT_COUNT; id++) {
                insert.append(id == 1 ? "" : ", ").append('(').append(id).append(", ").append(INITIAL_BALANCE).append(')');
            }
            TxSql.exec(c, insert.toString());
        }
    }

    private void awaitAcknowledged(int count) throws InterruptedException {
        long end = System.nanoTime() + PROGRESS_DEADLINE.toNanos();
        while (acknowledged.size() < count) {
            if (System.nanoTime() > end) {
                throw new AssertionError("only " + acknowledged.size() + " transactions acknowledged within " + PROGRESS_DEADLINE
                        + "; errors " + unexpected + "\n" + cluster.logTails());
            }
            Thread.sleep(20); // the clients commit at their own pace
        }
    }

    /** Runs transactions through {@code gateway} until its connection is lost (the gateway was killed). */
    private void runClient(NodeProcess gateway) {
        try (Connection c = TxSql.open(gateway)) {
            c.setAutoCommit(false);
            PreparedStatement insert = c.prepareStatement("INSERT INTO " + ROWS + " VALUES (?, ?, ?)");
            PreparedStatement move = c.prepareStatement("UPDATE " + ACCOUNTS + " SET balance = balance + ? WHERE id = ?");
            while (true) {
                Transfer t = Transfer.of(nextTxn.incrementAndGet());
                tried.put(t.txn(), t);
                try {
                    runOne(c, insert, move, t);
                    acknowledged.add(t.txn());
                } catch (SQLException e) {
                    if (TxSql.isConnectionLoss(e)) {
                        return;
                    }
                    if (TxSql.isRetry(e)) {
                        rolledBack.add(t.txn());
                    } else if (!TxSql.isOutcomeUnknown(e)) { // 40003: in flight, present or absent
                        unexpected.putIfAbsent(TxSql.state(e), e.getMessage());
                    }
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            if (!TxSql.isConnectionLoss(e)) {
                unexpected.putIfAbsent(TxSql.state(e), e.getMessage());
            }
        }
    }

    private static void runOne(Connection c, PreparedStatement insert, PreparedStatement move, Transfer t) throws SQLException {
        for (int part = 0; part < PARTS; part++) {
            insert.setLong(1, t.txn() * PARTS + part);
            insert.setLong(2, t.txn());
            insert.setInt(3, part);
            insert.addBatch();
        }
        insert.executeBatch();
        move.setLong(1, -t.amount());
        move.setInt(2, t.from());
        move.executeUpdate();
        move.setLong(1, t.amount());
        move.setInt(2, t.to());
        move.executeUpdate();
        c.commit();
    }

    /** The three checks of the class comment, through {@code node}. */
    private void checkThrough(NodeProcess node) throws Exception {
        Map<Long, Set<Integer>> present = readWithin(node, this::rowsByTxn);
        Map<Integer, Long> balances = readWithin(node, GatewayCrashTest::balances);
        Set<Long> partial = new TreeSet<>();
        present.forEach((txn, parts) -> {
            if (parts.size() != PARTS) {
                partial.add(txn);
            }
        });
        Set<Long> unknown = new TreeSet<>(present.keySet());
        unknown.removeAll(tried.keySet());
        Set<Long> lost = new TreeSet<>(acknowledged);
        lost.removeAll(present.keySet());
        Set<Long> revived = new TreeSet<>(rolledBack);
        revived.retainAll(present.keySet());
        Set<Long> inFlight = new TreeSet<>(tried.keySet());
        inFlight.removeAll(acknowledged);
        inFlight.removeAll(rolledBack);
        long inFlightPresent = inFlight.stream().filter(present::containsKey).count();
        System.out.printf("GatewayCrashTest: through %s: %d transactions present; of %d in flight at the kill %d present,"
                + " %d absent%n", node.sqlAddr(), present.size(), inFlight.size(), inFlightPresent, inFlight.size() - inFlightPresent);
        assertThat(partial).as("transactions with only some of their %d rows, through %s", PARTS, node.sqlAddr()).isEmpty();
        assertThat(unknown).as("rows of transactions never started").isEmpty();
        assertThat(lost).as("acknowledged transactions missing through %s", node.sqlAddr()).isEmpty();
        assertThat(revived).as("transactions rolled back (40001/40P01) yet present").isEmpty();
        assertThat(balances).as("balances agree with the transactions present through %s", node.sqlAddr())
                .isEqualTo(expectedBalances(present.keySet()));
        assertWritable(node, inFlight, present.keySet());
    }

    private Map<Integer, Long> expectedBalances(Set<Long> present) {
        Map<Integer, Long> expected = new TreeMap<>();
        for (int id = 1; id <= ACCOUNT_COUNT; id++) {
            expected.put(id, INITIAL_BALANCE);
        }
        for (long txn : present) {
            Transfer t = tried.get(txn);
            expected.merge(t.from(), -t.amount(), Long::sum);
            expected.merge(t.to(), t.amount(), Long::sum);
        }
        return expected;
    }

    /** Rows and keys of the transactions in flight at the kill, and every account, take a new write. */
    private void assertWritable(NodeProcess node, Set<Long> inFlight, Set<Long> present) throws Exception {
        readWithin(node, c -> {
            c.setAutoCommit(false);
            for (long txn : inFlight) {
                if (present.contains(txn)) {
                    assertThat(TxSql.update(c, "UPDATE " + ROWS + " SET part = part WHERE txn = " + txn)).isEqualTo(PARTS);
                } else {
                    for (int part = 0; part < PARTS; part++) {
                        TxSql.update(c, "INSERT INTO " + ROWS + " VALUES (" + (txn * PARTS + part) + ", " + txn + ", " + part + ")");
                    }
                }
            }
            assertThat(TxSql.update(c, "UPDATE " + ACCOUNTS + " SET balance = balance")).isEqualTo(ACCOUNT_COUNT);
            c.rollback(); // the writes only prove the keys are free; the next check through another node expects the same rows
            return null;
        });
    }

    private Map<Long, Set<Integer>> rowsByTxn(Connection c) throws SQLException {
        Map<Long, Set<Integer>> out = new HashMap<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT id, txn, part FROM " + ROWS)) {
            while (rs.next()) {
                long txn = rs.getLong(2);
                int part = rs.getInt(3);
                if (rs.getLong(1) != txn * PARTS + part) {
                    throw new AssertionError("row " + rs.getLong(1) + " carries txn " + txn + " part " + part);
                }
                out.computeIfAbsent(txn, k -> new TreeSet<>()).add(part);
            }
        }
        return out;
    }

    private static Map<Integer, Long> balances(Connection c) throws SQLException {
        Map<Integer, Long> out = new TreeMap<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT id, balance FROM " + ACCOUNTS)) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return out;
    }

    @FunctionalInterface
    interface Read<T> {
        T apply(Connection c) throws SQLException;
    }

    /**
     * Runs {@code read} on a new connection to {@code node}, again on 40001/40P01, connection loss
     * or a socket timeout (a read waiting on a dead transaction's lock), until {@link #RESOLVE_DEADLINE}.
     */
    private <T> T readWithin(NodeProcess node, Read<T> read) throws Exception {
        long end = System.nanoTime() + RESOLVE_DEADLINE.toNanos();
        SQLException last = null;
        while (System.nanoTime() < end) {
            try (Connection c = TxSql.open(node)) {
                return read.apply(c);
            } catch (SQLException e) {
                if (!TxSql.isRetry(e) && !TxSql.isConnectionLoss(e)) {
                    throw new AssertionError("through " + node.sqlAddr() + ": " + TxSql.state(e) + " " + e.getMessage(), e);
                }
                last = e;
                Thread.sleep(200); // a leader election or a lock's TTL; nothing to wait on through SQL
            }
        }
        throw new AssertionError("no answer through " + node.sqlAddr() + " within " + RESOLVE_DEADLINE, last);
    }
}
