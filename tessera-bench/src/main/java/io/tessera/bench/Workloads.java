package io.tessera.bench;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The workloads of BENCHMARKS.md, each a pure JDBC client identical for both databases. */
final class Workloads {
    private Workloads() {}

    static List<Workload> all() {
        return List.of(new PointInsert(), new YcsbC(), new YcsbA(), new Aggregate());
    }

    /** Point inserts in batches of 100 rows (one multi-row INSERT per batch): rows/s. */
    static final class PointInsert implements Workload {
        static final int BATCH = 100;
        private final AtomicLong nextId = new AtomicLong();

        @Override public String name() { return "insert batch=100"; }

        @Override public String unit() { return "rows/s"; }

        @Override
        public void prepare(Target target, BenchConfig config) throws Exception {
            try (var c = target.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_insert");
                s.execute("CREATE TABLE bench_insert (id BIGINT PRIMARY KEY, v TEXT NOT NULL)");
            }
        }

        @Override
        public Measurement run(Target target, BenchConfig config) throws Exception {
            return ClientLoop.run(target, config, c -> {
                PreparedStatement ps = c.prepareStatement("INSERT INTO bench_insert VALUES (?, ?)");
                return (conn, random) -> {
                    for (int i = 0; i < BATCH; i++) {
                        long id = nextId.getAndIncrement();
                        ps.setLong(1, id);
                        ps.setString(2, Datasets.value(id));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    return BATCH;
                };
            });
        }
    }

    /**
     * A YCSB-like mix over bench_kv: each operation picks a zipfian key and reads it, or with
     * probability {@code updateShare} updates it: ops/s and p99.
     */
    static class Ycsb implements Workload {
        private final String name;
        private final double updateShare;

        Ycsb(String name, double updateShare) {
            this.name = name;
            this.updateShare = updateShare;
        }

        @Override public String name() { return name; }

        @Override public String unit() { return "ops/s"; }

        @Override
        public void prepare(Target target, BenchConfig config) throws Exception {
            Datasets.keyValue(target, config.rows());
        }

        @Override
        public Measurement run(Target target, BenchConfig config) throws Exception {
            Zipfian keys = new Zipfian(config.rows());
            return ClientLoop.run(target, config, c -> {
                PreparedStatement read = c.prepareStatement("SELECT v FROM bench_kv WHERE id = ?");
                PreparedStatement update = c.prepareStatement("UPDATE bench_kv SET v = ? WHERE id = ?");
                return (conn, random) -> {
                    long key = keys.next(random);
                    if (random.nextDouble() >= updateShare) {
                        return read(read, key);
                    }
                    update.setString(1, Datasets.value(random.nextLong(1_000_000)));
                    update.setLong(2, key);
                    return update.executeUpdate();
                };
            });
        }
    }

    /** YCSB workload C: 100% reads. */
    static final class YcsbC extends Ycsb {
        YcsbC() { super("ycsb-c (100% read)", 0.0); }
    }

    /** YCSB workload A: 50% reads, 50% updates. */
    static final class YcsbA extends Ycsb {
        YcsbA() { super("ycsb-a (50% read, 50% update)", 0.5); }
    }

    private static int read(PreparedStatement read, long key) throws Exception {
        read.setLong(1, key);
        try (ResultSet rs = read.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("key " + key + " is missing");
            }
            return 1;
        }
    }

    /** {@code SELECT region, count(*), sum(amount) ... GROUP BY region} over the orders: seconds per query. */
    static final class Aggregate implements Workload {
        @Override public String name() { return "aggregate group by"; }

        @Override public String unit() { return "s"; }

        @Override public boolean higherIsBetter() { return false; }

        @Override
        public void prepare(Target target, BenchConfig config) throws Exception {
            Datasets.orders(target, config.rows());
        }

        @Override
        public Measurement run(Target target, BenchConfig config) throws Exception {
            try (var c = target.connect(); Statement s = c.createStatement()) {
                long start = System.nanoTime();
                int groups = 0;
                try (ResultSet rs = s.executeQuery(
                        "SELECT region, count(*), sum(amount) FROM bench_orders GROUP BY region")) {
                    while (rs.next()) {
                        groups++;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (groups != Datasets.REGIONS.length) {
                    throw new IllegalStateException("aggregate returned " + groups + " groups");
                }
                return new Measurement(seconds, -1);
            }
        }
    }
}
