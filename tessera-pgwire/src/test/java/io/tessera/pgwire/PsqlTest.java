package io.tessera.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real psql 15 binary (simple query protocol, libpq start-up with SSLRequest first). */
class PsqlTest {
    private static final Path PSQL = Path.of("/usr/bin/psql");

    @Test
    void psqlRunsSelectOne() throws Exception {
        assertThat(Files.isExecutable(PSQL)).as("psql is installed at " + PSQL).isTrue();
        try (ServerFixture fx = new ServerFixture()) {
            Result r = psql(fx.port(), "select 1");
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).contains("?column?").contains(" 1").contains("(1 row)");
            ServerFixture.await("psql's session closed", () -> fx.lastSession().closed);
        }
    }

    @Test
    void psqlReportsErrorsWithSqlState() throws Exception {
        try (ServerFixture fx = new ServerFixture()) {
            Result r = psql(fx.port(), "selec 1");
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.output()).contains("ERROR:  42601: syntax error at or near \"selec\"");
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result psql(int port, String sql) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(PSQL.toString(), "-X", "-v", "VERBOSITY=verbose",
                "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "tessera", "-d", "tessera",
                "-c", sql));
        pb.redirectErrorStream(true);
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        pb.environment().remove("PGPASSWORD");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("psql did not finish: " + out);
        }
        return new Result(p.exitValue(), out);
    }
}
