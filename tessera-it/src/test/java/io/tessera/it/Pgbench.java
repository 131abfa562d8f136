package io.tessera.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real, unmodified {@code pgbench} against a node and reads its report. The binary is
 * {@code -Dtessera.pgbench}, else PostgreSQL 15's on Debian ({@code .ci/run} installs it there),
 * else {@code pgbench} on the PATH. Scale and run length come from {@code -Dtessera.pgbench.scale}
 * (default 2) and {@code -Dtessera.pgbench.seconds} (default 10): the full variant (scale 10,
 * 60 s) is {@code bench/pgbench-tx.sh}.
 */
final class Pgbench {
    static final int SCALE = Integer.getInteger("tessera.pgbench.scale", 2);
    static final int SECONDS = Integer.getInteger("tessera.pgbench.seconds", 10);
    /** The client count and threads; 40001 and 40P01 retried up to 10 times. */
    static final List<String> TPCB_RUN = List.of("-c", "8", "-j", "2", "-T", String.valueOf(SECONDS), "--max-tries=10");
    /** Beyond the run's own length: initialisation of a scale, a slow connect, the final report. */
    private static final Duration SLACK = Duration.ofSeconds(Long.getLong("tessera.pgbench.slack.seconds", 300));
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final Pattern RETRIED = Pattern.compile("number of transactions retried: (\\d+)");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private Pgbench() {}

    static String binary() {
        String configured = System.getProperty("tessera.pgbench");
        if (configured != null) {
            return configured;
        }
        Path debian = Path.of("/usr/lib/postgresql/15/bin/pgbench");
        return Files.isExecutable(debian) ? debian.toString() : "pgbench";
    }

    /** pgbench's exit code and everything it printed. */
    record Result(int exitCode, String output) {
        OptionalLong failed() {
            return longOf(FAILED);
        }

        OptionalLong processed() {
            return longOf(PROCESSED);
        }

        OptionalLong retried() {
            return longOf(RETRIED);
        }

        OptionalDouble tps() {
            Matcher m = TPS.matcher(output);
            return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
        }

        private OptionalLong longOf(Pattern p) {
            Matcher m = p.matcher(output);
            return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
        }

        String summary() {
            return "exit " + exitCode + ", processed " + processed() + ", failed " + failed() + ", retried " + retried()
                    + ", tps " + tps();
        }
    }

    static Result run(NodeProcess node, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary(), "-h", "127.0.0.1", "-p", String.valueOf(node.sqlPort()),
                "-U", "tessera"));
        cmd.addAll(args);
        cmd.add("tessera");
        Path out = Files.createTempFile("pgbench", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("PGCONNECT_TIMEOUT", "10");
            Process p = pb.start();
            if (!p.waitFor(SECONDS + SLACK.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("pgbench " + args + " did not finish; output:\n" + Files.readString(out));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * TPC-B's balance sums: accounts, branches, tellers and history. Every transaction adds the same
     * delta to one row of each of the first three and inserts it into history, so over a run the three
     * balance sums change by the same amount, exactly when transactions are atomic. pgbench (without
     * {@code -n}) truncates history when a run starts, so history holds that run's deltas: the change.
     * Changes rather than totals, so that one broken run does not fail the runs after it.
     */
    record Balances(long accounts, long branches, long tellers, long history) {
        boolean agreeAfterRunFrom(Balances before) {
            long change = accounts - before.accounts;
            return branches - before.branches == change && tellers - before.tellers == change && history == change;
        }
    }

    /** The four sums in one statement, so one snapshot even in READ COMMITTED. */
    static Balances balances(Connection c) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT"
                + " (SELECT coalesce(sum(abalance), 0) FROM pgbench_accounts),"
                + " (SELECT coalesce(sum(bbalance), 0) FROM pgbench_branches),"
                + " (SELECT coalesce(sum(tbalance), 0) FROM pgbench_tellers),"
                + " (SELECT coalesce(sum(delta), 0) FROM pgbench_history)")) {
            rs.next();
            return new Balances(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }
}
