package io.tessera.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/** The tables the workloads read, created and filled once per target with identical contents. */
final class Datasets {
    private Datasets() {}

    /** Rows per multi-row INSERT while loading: large enough to amortise a round trip. */
    private static final int LOAD_BATCH = 500;
    static final String[] REGIONS = {"us-east", "us-west", "eu-central", "eu-west", "apac", "latam"};

    /** bench_kv(id, v) with ids 0..rows-1 and a 100-byte value, as YCSB's records. */
    static void keyValue(Target target, int rows) throws Exception {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_kv (id BIGINT PRIMARY KEY, v TEXT NOT NULL)");
            if (count(s, "bench_kv") == rows) {
                return;
            }
            s.execute("DELETE FROM bench_kv");
            load(c, "INSERT INTO bench_kv VALUES (?, ?)", rows, (ps, i) -> {
                ps.setLong(1, i);
                ps.setString(2, value(i));
            });
        }
    }

    /** bench_orders(id, region, amount): the aggregate's input, spread over six regions. */
    static void orders(Target target, int rows) throws Exception {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_orders (id BIGINT PRIMARY KEY, region TEXT NOT NULL,"
                    + " amount NUMERIC(10,2) NOT NULL)");
            if (count(s, "bench_orders") == rows) {
                return;
            }
            s.execute("DELETE FROM bench_orders");
            load(c, "INSERT INTO bench_orders VALUES (?, ?, ?)", rows, (ps, i) -> {
                ps.setLong(1, i);
                ps.setString(2, REGIONS[i % REGIONS.length]);
                ps.setBigDecimal(3, java.math.BigDecimal.valueOf((i * 7919L) % 100000, 2));
            });
        }
    }

    static String value(long i) {
        String base = Long.toString(i * 2654435761L, 36);
        return (base + "-".repeat(100)).substring(0, 100);
    }

    private interface RowBinder {
        void bind(PreparedStatement ps, int i) throws Exception;
    }

    private static void load(Connection c, String sql, int rows, RowBinder binder) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < rows; i++) {
                binder.bind(ps, i);
                ps.addBatch();
                if ((i + 1) % LOAD_BATCH == 0 || i == rows - 1) {
                    ps.executeBatch();
                }
            }
        }
    }

    private static long count(Statement s, String table) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
