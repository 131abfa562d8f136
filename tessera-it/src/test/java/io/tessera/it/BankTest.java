package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bank: 20 accounts in a table of six fragments with three replicas on a three-node
 * cluster, eight clients moving random amounts between random accounts in explicit transactions
 * (half READ COMMITTED, half REPEATABLE READ, set through pgjdbc's own API) while readers check in
 * REPEATABLE READ transactions that the sum of all balances never changes. A third of the way in,
 * a node is killed with {@code kill -9} (the metadata leader, which hands out the timestamps; see
 * {@link #victim()}); two thirds in it is restarted. Clients whose node died reconnect to the next node.
 *
 * <p>Allowed client errors: 40001 and 40P01 (the transfer is retried and counted) and connection
 * loss; a connection lost during COMMIT, or 40003 from it, leaves the transfer's fate unknown to the
 * client, which is fine for the invariant (a transfer moves money, it does not create it). Anything
 * else fails the test. Run length: {@code -Dtessera.bank.seconds} (default 60, the figure; tessera-it's pom
 * sets 30 for the suite).
 */
class BankTest {
    private static final String TABLE = "bank_accounts";
    private static final int ACCOUNTS = 20;
    private static final long INITIAL_BALANCE = 1_000;
    private static final long TOTAL = ACCOUNTS * INITIAL_BALANCE;
    private static final int WRITERS = 8;
    private static final int READERS = 2;
    private static final int MAX_AMOUNT = 100;
    private static final long RUN_SECONDS = Long.getLong("tessera.bank.seconds", 60);
    /** Transfers that must commit after the restart before the run may end: the cluster took the node back. */
    private static final int COMMITS_AFTER_RESTART = 20;
    private static final Duration PROGRESS_DEADLINE = Duration.ofSeconds(120);
    private static final Duration LEADERS_DEADLINE = Duration.ofSeconds(60);
    /** Pause after a failed connect, so a client does not spin on a node that refuses at once. */
    private static final Duration RECONNECT_PAUSE = Duration.ofMillis(100);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;
    static LocalCluster cluster;

    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Where the run is (before the kill, node down, restarting, after the restart): bad reads name it. */
    private volatile String phase = "before the kill";
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong ambiguous = new AtomicLong();
    private final AtomicLong readsChecked = new AtomicLong();
    private final Map<String, Long> connectionErrors = new TreeMap<>();
    /** First message of each class-08 SQLSTATE a gateway sent on a connection it kept open. */
    private final Map<String, String> liveGatewayErrors = new TreeMap<>();
    private final List<String> badReads = new ArrayList<>();
    private final Map<String, String> unexpected = new TreeMap<>();

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

    @Test
    void totalStaysExactThroughTransfersAndANodeKilledAndRestarted() throws Exception {
        createAccounts();
        NodeProcess victim = victim();
        boolean victimLeadsMetadata = cluster.metadataLeader().map(n -> n == victim).orElse(false);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            threads.add(Thread.ofPlatform().name("bank-writer-" + i).start(new Writer(i)::run));
        }
        for (int i = 0; i < READERS; i++) {
            threads.add(Thread.ofPlatform().name("bank-reader-" + i).start(new Reader(i)::run));
        }
        long start = System.nanoTime();
        try {
            sleepUntil(start, RUN_SECONDS / 3);
            System.out.printf("BankTest: kill -9 of %s (%s, metadata leader: %s) after %d committed transfers%n",
                    victim.sqlAddr(), cluster.nodeId(victim), victimLeadsMetadata, committed.get());
            long beforeKill = committed.get();
            cluster.kill(victim);
            phase = "victim down";
            awaitCommits(beforeKill, "after the kill of " + victim.sqlAddr());
            System.out.printf("BankTest: at %d s %d transfers committed since the kill%n", secondsSince(start),
                    committed.get() - beforeKill);
            sleepUntil(start, 2 * RUN_SECONDS / 3);
            System.out.printf("BankTest: at %d s restarting %s%n", secondsSince(start), victim.sqlAddr());
            phase = "victim restarting";
            cluster.restart(victim);
            phase = "after the restart";
            long afterRestart = committed.get();
            System.out.printf("BankTest: at %d s %s is back (live in tessera.nodes)%n", secondsSince(start), victim.sqlAddr());
            awaitCommits(afterRestart, "after the restart of " + victim.sqlAddr());
            System.out.printf("BankTest: at %d s %d transfers committed since the restart%n", secondsSince(start),
                    committed.get() - afterRestart);
            sleepUntil(start, RUN_SECONDS);
        } finally {
            stopping.set(true);
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(TxSql.SOCKET_TIMEOUT_SECONDS + 10));
            }
        }
        report(secondsSince(start));
        Map<String, List<Long>> finals = new TreeMap<>();
        for (NodeProcess node : cluster.nodes()) {
            finals.put(node.sqlAddr(), finalTotal(node));
        }
        System.out.println("BankTest: sum(balance), count(*) at the end through each node " + finals + "; balances through "
                + cluster.node(1).sqlAddr() + " " + balances(cluster.node(1)));
        assertThat(badReads).as("reads whose total was not %d (at the end, through each node: %s)", TOTAL, finals).isEmpty();
        assertThat(unexpected).as("errors other than 40001, 40P01 and connection loss").isEmpty();
        assertThat(committed.get()).isPositive();
        assertThat(finals).as("sum(balance) and count(*) through each node at the end")
                .allSatisfy((node, total) -> assertThat(total).as(node).isEqualTo(List.of(TOTAL, (long) ACCOUNTS)));
    }

    /** Every account's balance through {@code node}, for the report of a broken total. */
    private static Map<Integer, Long> balances(NodeProcess node) throws SQLException {
        Map<Integer, Long> out = new TreeMap<>();
        try (Connection c = TxSql.open(node); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, balance FROM " + TABLE)) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return out;
    }

    /**
     * The node to kill: {@code -Dtessera.bank.victim=meta} (the default) the metadata leader, which
     * also hands out the timestamps, when {@code tessera.nodes} says which node that is;
     * {@code leaders} (or no metadata leader known) the node leading the most fragments.
     */
    private static NodeProcess victim() throws Exception {
        if (System.getProperty("tessera.bank.victim", "meta").equals("meta")) {
            Optional<NodeProcess> meta = cluster.metadataLeader();
            if (meta.isPresent()) {
                return meta.get();
            }
        }
        return cluster.mostLeaders();
    }

    private static void createAccounts() throws Exception {
        try (Connection c = TxSql.open(cluster.node(1))) {
            TxSql.exec(c, "CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, balance BIGINT NOT NULL)"
                    + " WITH (fragments = 6, replicas = 3)");
            cluster.awaitLeaders(TABLE, 3, LEADERS_DEADLINE);
            StringBuilder insert = new StringBuilder("INSERT INTO " + TABLE + " VALUES ");
            for (int id = 1; id <= ACCOUNTS; id++) {
                insert.append(id == 1 ? "" : ", ").append('(').append(id).append(", ").append(INITIAL_BALANCE).append(')');
            }
            TxSql.exec(c, insert.toString());
        }
        System.out.println("BankTest: fragments " + cluster.fragmentsView(TABLE) + "; leaders per node " + cluster.leadersPerNode());
    }

    private void awaitCommits(long since, String what) throws InterruptedException {
        long end = System.nanoTime() + PROGRESS_DEADLINE.toNanos();
        while (committed.get() < since + COMMITS_AFTER_RESTART) {
            if (System.nanoTime() > end) {
                report(-1);
                throw new AssertionError("fewer than " + COMMITS_AFTER_RESTART + " transfers committed " + what + " within "
                        + PROGRESS_DEADLINE + "\n" + cluster.logTails());
            }
            Thread.sleep(100); // the clients commit at their own pace
        }
    }

    private static long secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }

    private static void sleepUntil(long startNanos, long seconds) throws InterruptedException {
        long wait = startNanos + seconds * 1_000_000_000L - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000L);
        }
    }

    /** sum(balance) and count(*) through {@code node} in a REPEATABLE READ transaction, retried while the node settles. */
    private static List<Long> finalTotal(NodeProcess node) throws Exception {
        long end = System.nanoTime() + PROGRESS_DEADLINE.toNanos();
        SQLException last = null;
        while (System.nanoTime() < end) {
            try (Connection c = TxSql.open(node)) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                List<Long> total = List.of(TxSql.queryLong(c, "SELECT sum(balance) FROM " + TABLE),
                        TxSql.queryLong(c, "SELECT count(*) FROM " + TABLE));
                c.commit();
                return total;
            } catch (SQLException e) {
                if (!TxSql.isRetry(e) && !TxSql.isConnectionLoss(e)) {
                    throw e;
                }
                last = e;
                Thread.sleep(RECONNECT_PAUSE.toMillis());
            }
        }
        throw new AssertionError("no final total through " + node.sqlAddr() + " within " + PROGRESS_DEADLINE
                + "; last error: " + (last == null ? "none" : last.getSQLState() + " " + last.getMessage())
                + "\ntessera.fragments now: " + cluster.fragmentsDump() + "\n" + cluster.logTails(), last);
    }

    private void report(long seconds) {
        synchronized (this) {
            System.out.printf("BankTest: %d s, transfers committed %d, retried (40001/40P01) %d, ambiguous commits %d,"
                    + " reads checked %d, bad reads %d%n", seconds, committed.get(), retried.get(), ambiguous.get(),
                    readsChecked.get(), badReads.size());
            System.out.println("BankTest: connection errors by SQLSTATE " + connectionErrors);
            liveGatewayErrors.forEach((k, v) -> System.out.println("BankTest: " + k + " sent by a live gateway, first: " + v));
            unexpected.forEach((k, v) -> System.out.println("BankTest: unexpected " + k + ": " + v));
            badReads.stream().limit(10).forEach(r -> System.out.println("BankTest: bad read " + r));
        }
    }

    /** What a client does with an error on {@code connection} (null while connecting); true when it must reconnect. */
    private boolean onError(SQLException e, Connection connection, String during) {
        if (TxSql.isRetry(e)) {
            retried.incrementAndGet();
            return false;
        }
        if (TxSql.isOutcomeUnknown(e)) {
            return false; // an ambiguous COMMIT, counted where it happened; the transfer moved money or did nothing
        }
        synchronized (this) {
            if (TxSql.isConnectionLoss(e)) {
                // A gateway that answers with class 08 on a connection it keeps open lost a fragment, not the client;
                // counted apart because pgbench, unlike this client, aborts on it.
                String kind = connection != null && !isClosed(connection) ? " (sent by a live gateway)" : "";
                connectionErrors.merge(TxSql.state(e) + kind, 1L, Long::sum);
                if (!kind.isEmpty()) {
                    liveGatewayErrors.putIfAbsent(TxSql.state(e), e.getMessage());
                }
                return true;
            }
            unexpected.putIfAbsent(TxSql.state(e) + " during " + during, e.getMessage());
        }
        return false;
    }

    /** A client connection that moves to the next node when its own is gone. */
    private abstract class Client {
        final int number;
        int gateway;
        Connection connection;

        Client(int number) {
            this.number = number;
            this.gateway = number % cluster.nodes().size();
        }

        abstract void prepare(Connection c) throws SQLException;

        abstract void step() throws SQLException;

        void run() {
            while (!stopping.get()) {
                try {
                    if (connection == null) {
                        connection = TxSql.open(cluster.nodes().get(gateway));
                        prepare(connection);
                    }
                    step();
                } catch (SQLException e) {
                    handle(e);
                }
            }
            TxSql.closeQuietly(connection);
        }

        private void handle(SQLException e) {
            boolean lost = onError(e, connection, getClass().getSimpleName()) || connection == null;
            if (lost) {
                TxSql.closeQuietly(connection);
                connection = null;
                gateway = (gateway + 1) % cluster.nodes().size();
                pause();
            } else {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the transaction is already over on the server
                }
            }
        }
    }

    private final class Writer extends Client {
        private PreparedStatement move;

        Writer(int number) {
            super(number);
        }

        @Override
        void prepare(Connection c) throws SQLException {
            c.setAutoCommit(false);
            c.setTransactionIsolation(number % 2 == 0 ? Connection.TRANSACTION_READ_COMMITTED
                    : Connection.TRANSACTION_REPEATABLE_READ);
            move = c.prepareStatement("UPDATE " + TABLE + " SET balance = balance + ? WHERE id = ?");
        }

        @Override
        void step() throws SQLException {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            int from = 1 + r.nextInt(ACCOUNTS);
            int to = 1 + (from + r.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            long amount = 1 + r.nextInt(MAX_AMOUNT);
            if (apply(from, -amount) != 1 || apply(to, amount) != 1) {
                synchronized (BankTest.this) {
                    unexpected.putIfAbsent("UPDATE of one account did not update one row", "accounts " + from + ", " + to);
                }
                connection.rollback();
                return;
            }
            try {
                connection.commit();
            } catch (SQLException e) {
                if (TxSql.isConnectionLoss(e) || TxSql.isOutcomeUnknown(e)) {
                    ambiguous.incrementAndGet();
                }
                throw e;
            }
            committed.incrementAndGet();
        }

        private int apply(int account, long delta) throws SQLException {
            move.setLong(1, delta);
            move.setInt(2, account);
            return move.executeUpdate();
        }
    }

    private final class Reader extends Client {
        Reader(int number) {
            super(number);
        }

        @Override
        void prepare(Connection c) throws SQLException {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }

        /** Even reads sum on the server, odd ones add up every row: both must see one snapshot. */
        @Override
        void step() throws SQLException {
            long sum = 0;
            long rows = 0;
            if (readsChecked.get() % 2 == 0) {
                try (Statement s = connection.createStatement();
                        ResultSet rs = s.executeQuery("SELECT sum(balance), count(*) FROM " + TABLE)) {
                    rs.next();
                    sum = rs.getLong(1);
                    rows = rs.getLong(2);
                }
            } else {
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT balance FROM " + TABLE)) {
                    while (rs.next()) {
                        sum += rs.getLong(1);
                        rows++;
                    }
                }
            }
            connection.commit();
            readsChecked.incrementAndGet();
            if (sum != TOTAL || rows != ACCOUNTS) {
                synchronized (BankTest.this) {
                    badReads.add("reader " + number + " via " + cluster.nodes().get(gateway).sqlAddr() + ": sum " + sum
                            + ", rows " + rows + " after " + committed.get() + " commits, " + phase);
                }
            }
        }
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
