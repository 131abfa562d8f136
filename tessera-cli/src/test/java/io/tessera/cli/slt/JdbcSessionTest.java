package io.tessera.cli.slt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcSessionTest {

    @Test
    void aStatementTheServerNeverAnswersIsBoundedAndTheNextRecordReconnects() throws Exception {
        try (SilentServer server = new SilentServer();
                JdbcSession session = new JdbcSession(new JdbcSession.Settings(server.url(), "u", null, 1, 1))) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> session.execute("SELECT pg_sleep(3600)"))
                    .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08006");
            // The silent server answers other SQL with a bare completion, so this proves a new connection.
            assertThatThrownBy(() -> session.query("SELECT 1", "I")).hasMessageContaining("returned no rows description");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(server.logins.get()).isEqualTo(2);
        }
    }

    @Test
    void hangingRecordsFailButTheFileRunsToTheEnd() throws Exception {
        List<Failure> failures = new ArrayList<>();
        try (SilentServer server = new SilentServer();
                JdbcSession session = new JdbcSession(new JdbcSession.Settings(server.url(), "u", null, 1, 1))) {
            Tally tally = new SltRunner("postgresql", failures::add).run("hang.test",
                    SltParser.parse("statement ok\nSELECT pg_sleep(3600)\n\nstatement error\nSELECT pg_sleep(3600)\n"), session);

            assertThat(tally).isEqualTo(new Tally(1, 1, 0, 0, 0, 0));
            assertThat(failures).singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(1));
            assertThat(server.logins.get()).isEqualTo(2);
        }
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new JdbcSession.Settings("jdbc:mysql://h/x", "u", null, 30))
                .hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> new JdbcSession.Settings("jdbc:postgresql://h/x", "u", null, -1))
                .hasMessageContaining("timeout");
    }
}
