package io.tessera.bench;

import java.nio.file.Files;
import java.nio.file.Path;
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

    @Option(names = "--postgres", description = "JDBC URL of PostgreSQL; without it only Tessera runs"
            + " (bench/profile.sh), and the PostgreSQL column and the ratio stay empty")
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

    @Option(names = "--pgbench", description = "also run pgbench select-only and TPC-B-like against both")
    boolean pgbench;

    @Option(names = "--pgbench-bin", defaultValue = "pgbench", description = "the pgbench executable")
    String pgbenchBinary;

    @Option(names = "--pgbench-scale", defaultValue = "10", description = "pgbench -i scale factor")
    int pgbenchScale;

    @Option(names = "--go-file", description = "after a workload's preload, wait until this file exists before"
            + " its timed runs (bench/profile.sh starts its recordings in between)")
    Path goFile;

    /** How often the go file is looked for. */
    static final long GO_FILE_POLL_MILLIS = 100;

    /** A failure cell shows this much of the error line; the full text goes to stderr. */
    static final int FAILURE_TEXT_CHARS_MAX = 100;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchConfig config = new BenchConfig(threads, seconds, rows);
        Target tessera = new Target("tessera", tesseraUrl, "tessera");
        Target postgres = postgresUrl == null ? null : new Target("postgres", postgresUrl, postgresUser);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "| %-30s | %-8s | %-24s | %-24s | %-6s |", "workload", "unit",
                "Tessera median (min-max)", "PostgreSQL median (min-max)", "ratio"));
        lines.add("|" + "-".repeat(32) + "|" + "-".repeat(10) + "|" + "-".repeat(26) + "|" + "-".repeat(26) + "|" + "-".repeat(8) + "|");
        List<Workload> workloads = new ArrayList<>(Workloads.all());
        if (pgbench) {
            workloads.addAll(new Pgbench(pgbenchBinary, pgbenchScale).workloads());
        }
        for (Workload w : workloads) {
            if (only != null && only.stream().noneMatch(s -> w.name().contains(s))) {
                continue;
            }
            lines.add(runWorkload(w, config, tessera, postgres));
            System.out.println(lines.get(lines.size() - 1));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "threads=%d seconds=%d rows=%d rounds=%d%s%n", threads, seconds, rows, rounds,
                pgbench ? " pgbench: -M prepared -c " + threads + " -j " + Pgbench.JOBS + " -s " + pgbenchScale : "");
        lines.forEach(System.out::println);
        return 0;
    }

    /**
     * Prepares and runs one workload on both targets, alternating which goes first. A target whose
     * preparation or run fails is reported as failed in its cell; the other still runs. Without
     * PostgreSQL ({@code b} null) only Tessera runs.
     */
    private String runWorkload(Workload w, BenchConfig config, Target a, Target b) {
        List<Target> targets = b == null ? List.of(a) : List.of(a, b);
        Map<Target, Side> sides = new LinkedHashMap<>();
        for (Target t : targets) {
            Side side = new Side();
            side.attempt(w, t, () -> w.prepare(t, config));
            sides.put(t, side);
        }
        // bench/profile.sh waits for this line to start its recording after the preload.
        System.err.printf(Locale.ROOT, "  %s prepared%n", w.name());
        awaitGoFile();
        for (int round = 0; round < rounds; round++) {
            for (Target t : round % 2 == 0 ? targets : targets.reversed()) {
                Side side = sides.get(t);
                int r = round + 1;
                side.attempt(w, t, () -> {
                    Measurement m = w.run(t, config);
                    System.err.printf(Locale.ROOT, "  %s round %d %s: %.1f %s%s%n", w.name(), r, t.name(),
                            m.value(), w.unit(), latencies(m));
                    side.results.add(m);
                });
            }
        }
        Side sa = sides.get(a);
        Side sb = b == null ? null : sides.get(b);
        if (sb == null) {
            return String.format(Locale.ROOT, "| %-30s | %-8s | %-24s | %-24s | %6s |", w.name(), w.unit(),
                    sa.cell(), "-", "-");
        }
        String ratio = "-";
        if (sa.failure == null && sb.failure == null) {
            double ta = median(sa.results);
            double tb = median(sb.results);
            ratio = String.format(Locale.ROOT, "%5.2fx", w.higherIsBetter() ? ta / tb : tb / ta);
        }
        return String.format(Locale.ROOT, "| %-30s | %-8s | %-24s | %-24s | %6s |", w.name(), w.unit(),
                sa.cell(), sb.cell(), ratio);
    }

    /** Waits for {@link #goFile} to exist, when one is given; the timed runs start after it. */
    private void awaitGoFile() {
        if (goFile == null) {
            return;
        }
        try {
            while (!Files.exists(goFile)) {
                Thread.sleep(GO_FILE_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String latencies(Measurement m) {
        return (m.p99Micros() >= 0 ? " p99=" + m.p99Micros() + "us" : "")
                + (m.averageMicros() >= 0 ? " avg=" + m.averageMicros() + "us" : "");
    }

    /** One target's results for one workload, or the reason it has none. */
    private static final class Side {
        final List<Measurement> results = new ArrayList<>();
        String failure;

        /** Runs a step unless this side already failed; a failure is kept and printed, not thrown. */
        void attempt(Workload w, Target t, Step step) {
            if (failure != null) {
                return;
            }
            try {
                step.run();
            } catch (Exception e) {
                String text = firstLine(e.getMessage() != null ? e.getMessage() : e.toString());
                failure = text.length() > FAILURE_TEXT_CHARS_MAX ? text.substring(0, FAILURE_TEXT_CHARS_MAX) + "..." : text;
                System.err.printf(Locale.ROOT, "  %s on %s failed: %s%n", w.name(), t.name(), e);
            }
        }

        String cell() {
            return failure != null ? "failed: " + failure : summary(results);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int nl = stripped.indexOf('\n');
        return nl < 0 ? stripped : stripped.substring(0, nl).strip();
    }

    private static double median(List<Measurement> ms) {
        double[] v = ms.stream().mapToDouble(Measurement::value).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String summary(List<Measurement> ms) {
        double[] v = ms.stream().mapToDouble(Measurement::value).sorted().toArray();
        long p99 = ms.stream().mapToLong(Measurement::p99Micros).max().orElse(-1);
        double[] averages = ms.stream().mapToLong(Measurement::averageMicros).filter(us -> us >= 0)
                .mapToDouble(us -> us).sorted().toArray();
        String p = p99 >= 0 ? String.format(Locale.ROOT, " p99 %.1fms", p99 / 1000.0) : "";
        if (averages.length > 0) {
            int n = averages.length;
            double median = n % 2 == 1 ? averages[n / 2] : (averages[n / 2 - 1] + averages[n / 2]) / 2;
            p += String.format(Locale.ROOT, " lat avg %.2fms", median / 1000.0);
        }
        return String.format(Locale.ROOT, "%s (%s-%s)%s", fmt(median(ms)), fmt(v[0]), fmt(v[v.length - 1]), p);
    }

    private static String fmt(double d) {
        return d >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.3f", d);
    }

}
