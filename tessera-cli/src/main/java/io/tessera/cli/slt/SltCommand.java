package io.tessera.cli.slt;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tessera slt PATH...}: runs sqllogictest files through pgjdbc and prints every failure
 * and, as the last line, {@code N passed, N failed[, N skipped]}.
 *
 * <p>Exit code: 0 when nothing failed, or with {@code --floor N} when at least N records passed
 * (CI records the pass count in the repo and fails when it drops); 1 otherwise; 2 when the run
 * could not start (no files, bad options, no node).
 */
@Command(name = "slt", mixinStandardHelpOptions = true,
        description = "Run sqllogictest files (or directories of *.test files) against a PostgreSQL-compatible server.")
public final class SltCommand implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_SETUP = 2;
    static final String TEST_SUFFIX = ".test";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Script files, or directories searched recursively for *.test files.")
    List<Path> paths;

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "Run against this server, e.g. jdbc:postgresql://127.0.0.1:5432/postgres. Its public schema is emptied before each file. Without it, each file runs on a fresh in-process node.")
    String url;

    @Option(names = "--user", defaultValue = "tessera", description = "User name (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", description = "Password, when the server asks for one.")
    String password;

    @Option(names = "--engine", defaultValue = "postgresql",
            description = "Engine name for skipif/onlyif (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--floor", paramLabel = "N", description = "Exit 0 exactly when at least N records passed, failures notwithstanding.")
    Integer floor;

    @Option(names = "--max-failures-shown", paramLabel = "N", defaultValue = "50",
            description = "Failures printed in full; the rest are only counted (default: ${DEFAULT-VALUE}).")
    int maxFailuresShown;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Limit for each statement or query; 0 for none (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files;
        JdbcSession.Settings settings;
        try {
            files = collectFiles(paths);
            settings = new JdbcSession.Settings(url == null ? "jdbc:postgresql:" : url, user, password, timeoutSeconds);
            if (floor != null && floor < 0) {
                throw new IllegalArgumentException("--floor must be >= 0, got " + floor);
            }
            if (maxFailuresShown < 0) {
                throw new IllegalArgumentException("--max-failures-shown must be >= 0, got " + maxFailuresShown);
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("tessera slt: " + e.getMessage());
            return EXIT_SETUP;
        }
        Tally total;
        FailureReport failures = new FailureReport(out, maxFailuresShown);
        try (SltTarget target = openTarget()) {
            total = runAll(files, target, settings, failures, out, err);
        } catch (Exception e) {
            err.println("tessera slt: " + e.getMessage());
            return EXIT_SETUP;
        }
        if (failures.hidden() > 0) {
            out.println("(" + failures.hidden() + " more failures not shown; see --max-failures-shown)");
        }
        int exit = exitCode(total, floor);
        if (floor != null) {
            out.println("floor " + floor + (exit == EXIT_OK ? " met" : " NOT met") + ": " + total.passed() + " passed");
        }
        out.println(total.summary());
        out.flush();
        return exit;
    }

    private SltTarget openTarget() throws IOException {
        if (url != null) {
            return SltTarget.remote(url);
        }
        return new NodeTarget(new EmbeddedNode(), Files.createTempDirectory("tessera-slt"));
    }

    private Tally runAll(List<Path> files, SltTarget target, JdbcSession.Settings settings,
            FailureReport failures, PrintWriter out, PrintWriter err) throws Exception {
        SltRunner runner = new SltRunner(engine, failures);
        Set<String> warned = new LinkedHashSet<>();
        Tally total = Tally.ZERO;
        for (Path file : files) {
            String name = file.toString();
            List<SltRecord> records = SltParser.parse(Files.readString(file, StandardCharsets.UTF_8));
            SltTarget.FileDatabase database = target.nextFile();
            Tally tally;
            try (JdbcSession session = new JdbcSession(settings.withUrl(database.jdbcUrl()))) {
                if (database.needsCleanup()) {
                    Optional<String> problem = DatabaseCleaner.empty(session);
                    problem.filter(warned::add).ifPresent(p -> err.println("tessera slt: warning: before " + name + ": " + p));
                }
                tally = runner.run(name, records, session);
            }
            out.println(name + ": " + tally.summary() + " (" + tally.detail() + ")");
            out.flush();
            total = total.plus(tally);
        }
        return total;
    }

    /** 0 when nothing failed, or with a floor when at least that many passed; else 1. */
    static int exitCode(Tally total, Integer floor) {
        boolean ok = floor == null ? total.failed() == 0 : total.passed() >= floor;
        return ok ? EXIT_OK : EXIT_FAILED;
    }

    /** The files named, and the *.test files under the directories named, each list sorted. */
    static List<Path> collectFiles(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> found = Files.walk(path)) {
                    found.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(TEST_SUFFIX))
                            .sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IllegalArgumentException("no such file or directory: " + path);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no " + TEST_SUFFIX + " files in " + paths);
        }
        return List.copyOf(files);
    }
}
