package io.tessera.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients inserting rows with unique ids continuously, each through its own gateway, recording
 * which inserts were acknowledged and when. A failed insert is never retried with the same id, so
 * afterwards every acknowledged id must be present exactly once and every present id must be one
 * that was tried; the acknowledgement times give the stalls a client saw.
 */
public final class AcknowledgedInserts implements AutoCloseable {
    /**
     * Longer than the gateway's retry deadline on a leader change, so a slow failover shows up as a
     * SQLSTATE from the server rather than as the driver giving up; a hung gateway still ends as 08006.
     */
    private static final int SOCKET_TIMEOUT_SECONDS = 60;
    /** Pause after a failed insert: keeps a client from spinning on a gateway that refuses at once. */
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofMillis(20);

    private final String table;
    private final long firstId;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong nextId;
    private final List<Client> clients = new ArrayList<>();

    /** One client per gateway listed (list a node twice for two clients through it); ids from 1. */
    public AcknowledgedInserts(String table, List<NodeProcess> gateways) {
        this(table, gateways, 1);
    }

    /** As above with ids from {@code firstId}: rounds of inserts into one table each take their own ids. */
    public AcknowledgedInserts(String table, List<NodeProcess> gateways, long firstId) {
        this.table = table;
        this.firstId = firstId;
        this.nextId = new AtomicLong(firstId - 1);
        for (int i = 0; i < gateways.size(); i++) {
            clients.add(new Client(i, gateways.get(i)));
        }
    }

    /** Creates {@code table (id BIGINT PRIMARY KEY, client INT, payload TEXT)} with the given WITH options. */
    public static void createTable(NodeProcess via, String table, String withOptions) throws SQLException {
        try (Connection c = via.connect(); var s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, client INT NOT NULL, payload TEXT NOT NULL)"
                    + " WITH (" + withOptions + ")");
        }
    }

    public void start() {
        for (Client c : clients) {
            c.thread.start();
        }
    }

    /** Acknowledged inserts so far, over all clients. */
    public int acknowledged() {
        return clients.stream().mapToInt(Client::acknowledgedCount).sum();
    }

    /** Acknowledged inserts whose acknowledgement came after {@code nanoTime}. */
    public int acknowledgedAfter(long nanoTime) {
        return (int) acks().stream().filter(a -> a.nanoTime() > nanoTime).count();
    }

    /** Waits until {@code count} inserts were acknowledged after {@code sinceNanoTime}; false at the deadline. */
    public boolean awaitAcknowledgedAfter(long sinceNanoTime, int count, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (acknowledgedAfter(sinceNanoTime) >= count) {
                return true;
            }
            Thread.sleep(50); // clients acknowledge at their own pace; polling a counter is enough here
        }
        return false;
    }

    /** Stops the clients and waits for their in-flight inserts to end (bounded by the socket timeout). */
    public void stop() throws InterruptedException {
        stopping.set(true);
        for (Client c : clients) {
            c.thread.join(Duration.ofSeconds(SOCKET_TIMEOUT_SECONDS + 10));
            if (c.thread.isAlive()) {
                throw new IllegalStateException("client " + c.number + " did not stop: an insert hangs beyond the socket timeout");
            }
        }
    }

    /** Every acknowledgement, in time order. */
    public List<Ack> acks() {
        List<Ack> all = new ArrayList<>();
        for (Client c : clients) {
            all.addAll(c.acksSnapshot());
        }
        all.sort((a, b) -> Long.compare(a.nanoTime(), b.nanoTime()));
        return all;
    }

    /** Ids handed to an insert so far: from the first id to this one, each once. */
    public long lastIdTried() {
        return nextId.get();
    }

    /** How many inserts were tried, acknowledged or not. */
    public long tried() {
        return nextId.get() - firstId + 1;
    }

    /** Failed inserts by SQLSTATE (null state as "none"), with one message each for the report. */
    public Map<String, Failures> failures() {
        Map<String, Failures> out = new TreeMap<>();
        for (Client c : clients) {
            synchronized (c) {
                c.failures.forEach((state, f) -> out.merge(state, f, Failures::plus));
            }
        }
        return out;
    }

    /** The longest time no client got an acknowledgement, within {@code [fromNanos, toNanos]}. */
    public Duration longestGapAllClients(long fromNanos, long toNanos) {
        return Stalls.longestGap(acks().stream().mapToLong(Ack::nanoTime).toArray(), fromNanos, toNanos);
    }

    /** The longest time one client waited between two acknowledgements, within {@code [fromNanos, toNanos]}. */
    public Duration longestGapOneClient(long fromNanos, long toNanos) {
        Duration worst = Duration.ZERO;
        for (Client c : clients) {
            long[] times = c.acksSnapshot().stream().mapToLong(Ack::nanoTime).toArray();
            Duration gap = Stalls.longestGap(times, fromNanos, toNanos);
            worst = gap.compareTo(worst) > 0 ? gap : worst;
        }
        return worst;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** One acknowledged insert. */
    public record Ack(long id, int client, long nanoTime) {}

    /** Count of failures of one SQLSTATE and the first message seen. */
    public record Failures(long count, String firstMessage) {
        Failures plus(Failures other) {
            return new Failures(count + other.count, firstMessage);
        }
    }

    private final class Client {
        final int number;
        final NodeProcess gateway;
        final Thread thread;
        final List<Ack> acks = new ArrayList<>();
        final Map<String, Failures> failures = new TreeMap<>();

        Client(int number, NodeProcess gateway) {
            this.number = number;
            this.gateway = gateway;
            this.thread = new Thread(this::run, "insert-client-" + number);
        }

        synchronized int acknowledgedCount() {
            return acks.size();
        }

        synchronized List<Ack> acksSnapshot() {
            return List.copyOf(acks);
        }

        private void run() {
            Connection connection = null;
            PreparedStatement insert = null;
            while (!stopping.get()) {
                long id = nextId.incrementAndGet();
                try {
                    if (connection == null) {
                        connection = gateway.connect(socketTimeout());
                        insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)");
                    }
                    insert.setLong(1, id);
                    insert.setInt(2, number);
                    insert.setString(3, "row-" + id);
                    insert.executeUpdate();
                    long now = System.nanoTime();
                    synchronized (this) {
                        acks.add(new Ack(id, number, now));
                    }
                } catch (SQLException e) {
                    record(e);
                    if (connectionLost(e)) {
                        closeQuietly(connection);
                        connection = null;
                    }
                    pause();
                }
            }
            closeQuietly(connection);
        }

        private synchronized void record(SQLException e) {
            String state = e.getSQLState() == null ? "none" : e.getSQLState();
            failures.merge(state, new Failures(1, e.getMessage()), Failures::plus);
        }
    }

    private static Properties socketTimeout() {
        Properties p = new Properties();
        p.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        return p;
    }

    /** Class 08 is the connection's end; a closed connection (the gateway was the one killed) too. */
    private static boolean connectionLost(SQLException e) {
        return e.getSQLState() == null || e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P");
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the connection is already broken; closing it is only tidying up
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_ERROR.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Attempts at the check's read: right after a restart a fragment may still be settling its leader. */
    private static final int CHECK_ATTEMPTS = 3;

    /**
     * The ids of this run's range read through {@code gateway}, with how often each appears. A
     * read that fails as retriable (40001, 08xxx: a leader still moving after the restart) is
     * tried again: what is checked is that no acknowledged row is lost, not the read's first try.
     */
    private Map<Long, Integer> readRows(NodeProcess gateway) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            Map<Long, Integer> seen = new HashMap<>();
            try (Connection c = gateway.connect(socketTimeout()); var s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id, payload FROM " + table + " WHERE id >= " + firstId)) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    seen.merge(id, 1, Integer::sum);
                    if (!rs.getString(2).equals("row-" + id)) {
                        throw new AssertionError("row " + id + " read through " + gateway.sqlAddr() + " has payload "
                                + rs.getString(2));
                    }
                }
                return seen;
            } catch (SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                if (attempt >= CHECK_ATTEMPTS || !(state.equals("40001") || state.startsWith("08"))) {
                    throw e;
                }
                pause();
            }
        }
    }

    /**
     * Reads the ids of this run's range through {@code gateway} and compares with what was
     * acknowledged: call after {@link #stop()}.
     */
    public RowCheck check(NodeProcess gateway) throws SQLException {
        Map<Long, Integer> seen = readRows(gateway);
        Set<Long> acked = new HashSet<>(acks().stream().map(Ack::id).toList());
        List<Long> missing = acked.stream().filter(id -> !seen.containsKey(id)).sorted().toList();
        List<Long> duplicated = seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        long last = lastIdTried();
        List<Long> neverTried = seen.keySet().stream().filter(id -> id > last).sorted().toList();
        long inDoubtPresent = seen.keySet().stream().filter(id -> !acked.contains(id) && id <= last).count();
        return new RowCheck(gateway.sqlAddr(), acked.size(), seen.size(), missing, duplicated, neverTried, inDoubtPresent);
    }

    /**
     * What one gateway returned: {@code inDoubtPresent} rows are inserts that failed (or were cut
     * off) at the client but committed, which is allowed; the three lists must be empty.
     */
    public record RowCheck(String gateway, int acknowledged, int distinctPresent, List<Long> missing,
            List<Long> duplicated, List<Long> neverTried, long inDoubtPresent) {
        public boolean ok() {
            return missing.isEmpty() && duplicated.isEmpty() && neverTried.isEmpty();
        }

        @Override
        public String toString() {
            return "through " + gateway + ": acknowledged=" + acknowledged + " present=" + distinctPresent
                    + " inDoubtPresent=" + inDoubtPresent + " missing=" + head(missing) + " duplicated=" + head(duplicated)
                    + " neverTried=" + head(neverTried);
        }

        private static String head(List<Long> ids) {
            return ids.size() <= 20 ? ids.toString() : ids.subList(0, 20) + "... (" + ids.size() + ")";
        }
    }
}
