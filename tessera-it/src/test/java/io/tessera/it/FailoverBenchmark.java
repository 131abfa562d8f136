package io.tessera.it;

import io.tessera.it.AcknowledgedInserts.RowCheck;
import io.tessera.it.LocalCluster.FragmentRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The failover benchmark of issue 3, run by {@code bench/failover.sh} and never by the test suite:
 * three node processes, four clients inserting through the nodes that survive, then, repeatedly,
 * {@code kill -9} of the node leading the most fragments (or of the metadata leader), wait for
 * inserts to resume, restart it, wait until it has caught up. Each kill's unavailability window is
 * the longest gap in acknowledged inserts that overlaps the time from the kill until inserts
 * flowed again; the report gives p50 and worst over the kills.
 *
 * <pre>
 *   java -cp ... io.tessera.it.FailoverBenchmark [--kills 20] [--victim leaders|meta|both] [--clients 4]
 * </pre>
 */
public final class FailoverBenchmark {
    private static final String TABLE = "failover_bench";
    /** Acknowledged inserts that count as "flowing again" after a kill, and as warmed up before one. */
    private static final int INSERTS_PER_PHASE = 200;
    private static final Duration RESUME_DEADLINE = Duration.ofSeconds(120);
    private static final Duration CATCH_UP_DEADLINE = Duration.ofSeconds(120);

    private final LocalCluster cluster;
    private final int clients;
    private long nextFirstId = 1;

    private FailoverBenchmark(LocalCluster cluster, int clients) {
        this.cluster = cluster;
        this.clients = clients;
    }

    /** One kill's figures. */
    record KillResult(String victim, String kind, Duration windowAllClients, Duration longestOneClient,
            Duration catchUp, int failedInserts, String check) {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path dir = Files.createTempDirectory("tessera-failover");
        System.err.println("failover: 3 nodes under " + dir + ", " + options);
        List<KillResult> results = new ArrayList<>();
        Throwable failure = null;
        try (LocalCluster cluster = LocalCluster.start(dir, 3)) {
            AcknowledgedInserts.createTable(cluster.node(1), TABLE, "fragments = 8, replicas = 3");
            FailoverBenchmark bench = new FailoverBenchmark(cluster, options.clients());
            for (String kind : options.kinds()) {
                if (kind.equals("meta") && !cluster.reportsMetadataLeader()) {
                    System.err.println("failover: tessera.nodes has no meta_leader column; metadata leader kills skipped");
                    continue;
                }
                for (int i = 1; i <= options.kills(); i++) {
                    KillResult r = bench.killOnce(kind);
                    results.add(r);
                    System.err.printf("failover: %s kill %d/%d of %s: window %s, one client %s, catch-up %s, failed inserts %d, %s%n",
                            kind, i, options.kills(), r.victim(), Stalls.millis(r.windowAllClients()),
                            Stalls.millis(r.longestOneClient()), Stalls.millis(r.catchUp()), r.failedInserts(), r.check());
                }
            }
        } catch (Exception | AssertionError e) {
            failure = e; // the kills measured so far are still worth printing
        }
        System.err.println("failover: node data and logs are in " + dir);
        if (!results.isEmpty()) {
            printSummary(options, results);
        }
        if (failure != null) {
            System.out.println("failover benchmark stopped after " + results.size() + " kills: " + failure.getMessage());
            System.exit(1);
        }
    }

    private KillResult killOnce(String kind) throws Exception {
        awaitLeaders();
        NodeProcess victim = kind.equals("meta")
                ? cluster.metadataLeader().orElseThrow(() -> new IllegalStateException("no metadata leader reported"))
                : cluster.mostLeaders();
        String victimId = cluster.nodeId(victim);
        List<NodeProcess> survivors = cluster.runningExcept(victim);
        List<NodeProcess> gateways = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            gateways.add(survivors.get(i % survivors.size()));
        }
        AcknowledgedInserts inserts = new AcknowledgedInserts(TABLE, gateways, nextFirstId);
        long killNanos;
        long resumedNanos;
        Duration catchUp;
        try {
            inserts.start();
            require(inserts.awaitAcknowledgedAfter(0, INSERTS_PER_PHASE, RESUME_DEADLINE), "inserts before the kill", inserts);
            killNanos = System.nanoTime();
            cluster.kill(victim);
            require(inserts.awaitAcknowledgedAfter(killNanos, INSERTS_PER_PHASE, RESUME_DEADLINE), "inserts after the kill", inserts);
            resumedNanos = System.nanoTime();
            System.err.printf("failover: %s killed, inserts resumed: window %s, one client %s; restarting it%n", victimId,
                    Stalls.millis(inserts.longestGapAllClients(killNanos, resumedNanos)),
                    Stalls.millis(inserts.longestGapOneClient(killNanos, resumedNanos)));
            catchUp = restartAndCatchUp(victim, survivors.get(0));
        } finally {
            inserts.stop();
            nextFirstId = inserts.lastIdTried() + 1;
        }
        RowCheck check = inserts.check(survivors.get(0));
        long failed = inserts.failures().values().stream().mapToLong(AcknowledgedInserts.Failures::count).sum();
        return new KillResult(victimId, kind, inserts.longestGapAllClients(killNanos, resumedNanos),
                inserts.longestGapOneClient(killNanos, resumedNanos), catchUp, (int) failed,
                check.ok() ? "rows ok" : "ROWS WRONG " + check);
    }

    /**
     * Restarts the victim and waits until it is live and every fragment it holds has applied, as
     * seen through it, at least what the leader had applied when it came back.
     */
    private Duration restartAndCatchUp(NodeProcess victim, NodeProcess survivor) throws Exception {
        cluster.restart(victim);
        long start = System.nanoTime();
        Map<Long, Long> target = cluster.fragmentsView(survivor, TABLE).stream()
                .collect(Collectors.toMap(FragmentRow::fragmentId, FragmentRow::appliedIndex));
        long end = start + CATCH_UP_DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            List<FragmentRow> local = cluster.fragmentsView(victim, TABLE);
            if (local.stream().allMatch(f -> f.appliedIndex() >= target.getOrDefault(f.fragmentId(), 0L))) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(100); // the restarted replicas replay their log and fetch what they missed
        }
        throw new IllegalStateException("restarted node did not catch up within " + CATCH_UP_DEADLINE + "\n" + cluster.logTails());
    }

    private void awaitLeaders() throws Exception {
        long end = System.nanoTime() + RESUME_DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            List<FragmentRow> rows = cluster.fragmentsView(TABLE);
            if (!rows.isEmpty() && rows.stream().allMatch(f -> f.leader() != null)) {
                return;
            }
            Thread.sleep(200); // elections
        }
        throw new IllegalStateException("fragments of " + TABLE + " without a leader\n" + cluster.logTails());
    }

    private void require(boolean condition, String what, AcknowledgedInserts inserts) {
        if (!condition) {
            throw new IllegalStateException(what + " did not reach " + INSERTS_PER_PHASE + " within " + RESUME_DEADLINE
                    + "; failures " + inserts.failures() + "\n" + cluster.logTails());
        }
    }

    private static void printSummary(Options options, List<KillResult> results) {
        System.out.println("failover benchmark: 3 node processes on loopback, table fragments = 8, replicas = 3, "
                + options.clients() + " clients inserting through the surviving nodes, kill -9 then restart");
        System.out.println("command: bench/failover.sh " + options.commandLine());
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        System.out.printf("%-8s %6s %28s %28s %22s%n", "victim", "kills", "window all clients p50/worst",
                "one client's wait p50/worst", "catch-up p50/worst");
        for (String kind : options.kinds()) {
            List<KillResult> rs = results.stream().filter(r -> r.kind().equals(kind)).toList();
            if (rs.isEmpty()) {
                continue;
            }
            System.out.printf("%-8s %6d %28s %28s %22s%n", kind, rs.size(),
                    p50AndWorst(rs.stream().map(KillResult::windowAllClients).toList()),
                    p50AndWorst(rs.stream().map(KillResult::longestOneClient).toList()),
                    p50AndWorst(rs.stream().map(KillResult::catchUp).toList()));
        }
        long wrong = results.stream().filter(r -> !r.check().equals("rows ok")).count();
        System.out.println("acknowledged rows checked after each kill: " + (wrong == 0 ? "all present exactly once" : wrong + " kills with WRONG rows"));
    }

    private static String p50AndWorst(List<Duration> values) {
        return Stalls.millis(Stalls.percentile(values, 50)) + " / " + Stalls.millis(Stalls.percentile(values, 100));
    }

    /** Command-line options. */
    record Options(int kills, List<String> kinds, int clients, String commandLine) {
        static Options parse(String[] args) {
            int kills = 20;
            String victim = "leaders";
            int clients = 4;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--kills" -> kills = Integer.parseInt(args[++i]);
                    case "--victim" -> victim = args[++i];
                    case "--clients" -> clients = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (options: --kills N, --victim leaders|meta|both, --clients N)");
                }
            }
            List<String> kinds = switch (victim) {
                case "leaders", "meta" -> List.of(victim);
                case "both" -> List.of("leaders", "meta");
                default -> throw new IllegalArgumentException("--victim is leaders, meta or both: " + victim);
            };
            if (kills < 1 || clients < 1) {
                throw new IllegalArgumentException("--kills and --clients must be at least 1");
            }
            return new Options(kills, kinds, clients, String.join(" ", args));
        }
    }
}
