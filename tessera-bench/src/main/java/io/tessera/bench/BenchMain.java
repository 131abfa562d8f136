package io.tessera.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs each workload against Tessera and PostgreSQL, alternating (A B A B ...) so that drift of
 * a noisy machine hits both alike, and prints workload, both medians with their spread, and the
 * ratio. Started by {@code bench/run.sh}, which starts and stops the two servers.
 */
@Command(name = "tessera-bench", mixinStandardHelpOptions = true)
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--tessera", required = true, description = "JDBC URL of Tessera")
    String tesseraUrl;

    @Option(names = "--postgres", required = true, description = "JDBC URL of PostgreSQL")
    String postgresUrl;

    @Option(names = "--postgres-user", defaultValue = "postgres")
    String postgresUser;

    @Option(names = "--rounds", defaultValue = "2", description = "A/B rounds per workload")
    int rounds;

    @Option(names = "--seconds", defaultValue = "20")
    int seconds;

    @Option(names = "--threads", defaultValue = "8")
    int threads;

    @Option(names = "--rows", defaultValue = "100000", description = "rows preloaded for reads and the aggregate")
    int rows;

    @Option(names = "--workloads", split = ",", description = "substrings of workload names to run (default: all)")
    List<String> only;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchConfig config = new BenchConfig(threads, seconds, rows);
        Target tessera = new Target("tessera", tesseraUrl, "tessera");
        Target postgres = new Target("postgres", postgresUrl, postgresUser);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "| %-30s | %-8s | %-24s | %-24s | %-6s |", "workload", "unit",
                "Tessera median (min-max)", "PostgreSQL median (min-max)", "ratio"));
        lines.add("|" + "-".repeat(32) + "|" + "-".repeat(10) + "|" + "-".repeat(26) + "|" + "-".repeat(26) + "|" + "-".repeat(8) + "|");
        for (Workload w : Workloads.all()) {
            if (only != null && only.stream().noneMatch(s -> w.name().contains(s))) {
                continue;
            }
            lines.add(runWorkload(w, config, tessera, postgres));
            System.out.println(lines.get(lines.size() - 1));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "threads=%d seconds=%d rows=%d rounds=%d%n", threads, seconds, rows, rounds);
        lines.forEach(System.out::println);
        return 0;
    }

    private String runWorkload(Workload w, BenchConfig config, Target a, Target b) throws Exception {
        w.prepare(a, config);
        w.prepare(b, config);
        Map<Target, List<Measurement>> results = new LinkedHashMap<>();
        results.put(a, new ArrayList<>());
        results.put(b, new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            for (Target t : round % 2 == 0 ? List.of(a, b) : List.of(b, a)) {
                Measurement m = w.run(t, config);
                System.err.printf(Locale.ROOT, "  %s round %d %s: %.1f %s p99=%dus%n", w.name(), round + 1, t.name(),
                        m.value(), w.unit(), m.p99Micros());
                results.get(t).add(m);
            }
        }
        double ta = median(results.get(a));
        double tb = median(results.get(b));
        double ratio = w.higherIsBetter() ? ta / tb : tb / ta;
        return String.format(Locale.ROOT, "| %-30s | %-8s | %-24s | %-24s | %5.2fx |", w.name(), w.unit(),
                summary(results.get(a)), summary(results.get(b)), ratio);
    }

    private static double median(List<Measurement> ms) {
        double[] v = ms.stream().mapToDouble(Measurement::value).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String summary(List<Measurement> ms) {
        double[] v = ms.stream().mapToDouble(Measurement::value).sorted().toArray();
        long p99 = ms.stream().mapToLong(Measurement::p99Micros).max().orElse(-1);
        String p = p99 >= 0 ? String.format(Locale.ROOT, " p99 %.1fms", p99 / 1000.0) : "";
        return String.format(Locale.ROOT, "%s (%s-%s)%s", fmt(median(ms)), fmt(v[0]), fmt(v[v.length - 1]), p);
    }

    private static String fmt(double d) {
        return d >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.3f", d);
    }

}
