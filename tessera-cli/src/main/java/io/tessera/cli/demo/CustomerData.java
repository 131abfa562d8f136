package io.tessera.cli.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * The demo's sample table: {@code customers}, hash-fragmented and replicated on all three nodes,
 * filled with {@link #ROWS} made-up customers. The rows are a pure function of their id, so a rerun
 * of the demo finds the same data, and filling is idempotent ({@code ON CONFLICT DO NOTHING}) so a
 * fill interrupted half-way completes on the next run.
 */
final class CustomerData {
    static final int ROWS = 1_000;
    static final int BATCH = 100;
    static final String CREATE_SQL = "CREATE TABLE IF NOT EXISTS customers (id bigint PRIMARY KEY, name text,"
            + " region text, email text, created_at timestamptz) WITH (fragments = 6, replicas = 3)";
    static final String COUNT_SQL = "SELECT count(*) FROM customers";
    static final String INSERT_SQL = "INSERT INTO customers (id, name, region, email, created_at)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    private static final List<String> FIRST = List.of("Ada", "Alan", "Barbara", "Edsger", "Grace", "Jim", "Leslie",
            "Margaret", "Niklaus", "Radia", "Tony", "Frances", "Donald", "Kristen", "Ken", "Shafi");
    private static final List<String> LAST = List.of("Lovelace", "Turing", "Liskov", "Dijkstra", "Hopper", "Gray",
            "Lamport", "Hamilton", "Wirth", "Perlman", "Hoare", "Allen", "Knuth", "Nygaard", "Thompson", "Goldwasser",
            "Codd");
    private static final OffsetDateTime FIRST_SIGNUP = OffsetDateTime.of(2025, 1, 1, 9, 0, 0, 0, ZoneOffset.UTC);

    /** One customer row. */
    record Customer(long id, String name, String region, String email, OffsetDateTime createdAt) {
    }

    private CustomerData() {
    }

    /** Customer {@code id} (1-based): name and region cycle through fixed lists, sign-ups are 7h37m apart. */
    static Customer customer(long id) {
        String first = FIRST.get((int) (id % FIRST.size()));
        String last = LAST.get((int) (id % LAST.size()));
        String region = DemoLayout.REGIONS.get((int) (id % DemoLayout.REGIONS.size()));
        String email = (first + "." + last + id + "@example.com").toLowerCase(Locale.ROOT);
        return new Customer(id, first + " " + last, region, email, FIRST_SIGNUP.plusMinutes(457 * (id - 1)));
    }

    /** Creates the table if needed and fills it unless it holds every row already; returns the rows inserted. */
    static int ensure(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(CREATE_SQL);
        }
        return fill(c);
    }

    /** Inserts the rows missing from an existing {@code customers} table, in batches of {@link #BATCH}. */
    static int fill(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(COUNT_SQL)) {
            rs.next();
            if (rs.getLong(1) >= ROWS) {
                return 0;
            }
        }
        int inserted = 0;
        try (PreparedStatement ps = c.prepareStatement(INSERT_SQL)) {
            for (long id = 1; id <= ROWS; id++) {
                bind(ps, customer(id));
                ps.addBatch();
                if (id % BATCH == 0 || id == ROWS) {
                    for (int n : ps.executeBatch()) {
                        inserted += Math.max(n, 0);
                    }
                }
            }
        }
        return inserted;
    }

    private static void bind(PreparedStatement ps, Customer row) throws SQLException {
        ps.setLong(1, row.id());
        ps.setString(2, row.name());
        ps.setString(3, row.region());
        ps.setString(4, row.email());
        ps.setObject(5, row.createdAt(), Types.TIMESTAMP_WITH_TIMEZONE);
    }
}
