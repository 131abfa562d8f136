package io.tessera.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL's own pgbench, run as an external client against a target: the same binary, flags and
 * scale for both databases, so its figures compare as the JDBC workloads do. The tables are
 * initialised once per target ({@code pgbench -i}) and shared by the select-only and TPC-B-like
 * workloads, select-only first so it reads the freshly loaded data.
 */
final class Pgbench {
    /** 2 worker threads: the reference machine's cores, as the figures were taken. */
    static final int JOBS = 2;
    /** 30 minutes for {@code pgbench -i}: scale 10 is a million rows, slow on a loaded 2-core box. */
    static final long INIT_TIMEOUT_SECONDS = 30 * 60;
    /** Beyond {@code -T}: connection set-up, the pre-run vacuum and the final report. */
    static final long RUN_GRACE_SECONDS = 120;

    private final String binary;
    private final int scale;
    /** Target name -> null when initialised, else the first error line of its failed init. */
    private final Map<String, String> initOutcome = new HashMap<>();

    Pgbench(String binary, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("pgbench scale must be positive: " + scale);
        }
        this.binary = binary;
        this.scale = scale;
    }

    int scale() {
        return scale;
    }

    /** Runs {@code pgbench -i -s scale} against the target once; later calls repeat its outcome. */
    void initialise(Target target) throws Exception {
        if (!initOutcome.containsKey(target.name())) {
            System.err.printf("  pgbench -i -s %d on %s%n", scale, target.name());
            String failure = null;
            try {
                execute(target, List.of("-i", "-q", "-s", Integer.toString(scale)), INIT_TIMEOUT_SECONDS);
            } catch (WorkloadFailure e) {
                failure = e.getMessage();
            }
            initOutcome.put(target.name(), failure);
        }
        String failure = initOutcome.get(target.name());
        if (failure != null) {
            throw new WorkloadFailure(failure);
        }
    }

    /** One timed run with {@code modeFlags} (e.g. {@code -S}) added to the common flags. */
    Measurement run(Target target, BenchConfig config, List<String> modeFlags) throws Exception {
        List<String> args = new ArrayList<>(modeFlags);
        args.addAll(List.of("-M", "prepared", "-c", Integer.toString(config.threads()),
                "-j", Integer.toString(Math.min(JOBS, config.threads())), "-T", Integer.toString(config.seconds())));
        String output = execute(target, args, config.seconds() + RUN_GRACE_SECONDS);
        return PgbenchOutput.measurement(output)
                .orElseThrow(() -> new WorkloadFailure(PgbenchOutput.firstErrorLine(output)));
    }

    /** pgbench talks to one server: of a multi-host URL ({@code h1:p1,h2:p2}) the first host. */
    static String firstHost(String jdbcUrl) {
        int hosts = jdbcUrl.indexOf("//") + 2;
        int slash = jdbcUrl.indexOf('/', hosts);
        int comma = jdbcUrl.indexOf(',', hosts);
        String url = comma < 0 || comma > slash ? jdbcUrl : jdbcUrl.substring(0, comma) + jdbcUrl.substring(slash);
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** Runs pgbench to completion; its output when it exits 0, else a failure naming its first error. */
    private String execute(Target target, List<String> args, long timeoutSeconds) throws Exception {
        URI uri = URI.create(firstHost(target.url()).substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(binary, "-h", uri.getHost(), "-p", Integer.toString(uri.getPort()),
                "-U", target.user()));
        command.addAll(args);
        command.add(uri.getPath().substring(1));
        Path log = Files.createTempFile("tessera-pgbench-", ".log");
        try {
            // Output to a file rather than a pipe: a chatty run can never block on a full pipe.
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new WorkloadFailure("pgbench " + String.join(" ", args) + " timed out after " + timeoutSeconds + " s");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new WorkloadFailure(PgbenchOutput.firstErrorLine(output));
            }
            return output;
        } catch (IOException e) {
            throw new WorkloadFailure("cannot run " + binary + ": " + e.getMessage());
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The two pgbench workloads of the issue, both sharing this runner's initialised tables. */
    List<Workload> workloads() {
        return List.of(new Mode(this, "pgbench select-only", List.of("-S")),
                new Mode(this, "pgbench tpc-b-like", List.of()));
    }

    /** One pgbench mode (select-only or the built-in TPC-B-like script) as a workload: tps. */
    private record Mode(Pgbench pgbench, String name, List<String> flags) implements Workload {
        @Override public String unit() { return "tps"; }

        @Override
        public void prepare(Target target, BenchConfig config) throws Exception {
            pgbench.initialise(target);
        }

        @Override
        public Measurement run(Target target, BenchConfig config) throws Exception {
            return pgbench.run(target, config, flags);
        }
    }
}
