package io.tessera.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgbenchOutputTest {

    /** What PostgreSQL 15's pgbench prints for a select-only run (progress lines go to stderr, merged). */
    private static final String SELECT_ONLY = """
            pgbench (15.14 (Debian 15.14-0+deb12u1))
            starting vacuum...end.
            transaction type: <builtin: select only>
            scaling factor: 1
            query mode: prepared
            number of clients: 8
            number of threads: 2
            maximum number of tries: 1
            duration: 5 s
            number of transactions actually processed: 301554
            number of failed transactions: 0 (0.000%)
            latency average = 0.132 ms
            initial connection time = 12.571 ms
            tps = 60339.811146 (without initial connection time)
            """;

    @Test
    void readsTpsWithoutConnectionTimeAndTheAverageLatency() {
        Measurement m = PgbenchOutput.measurement(SELECT_ONLY).orElseThrow();
        assertThat(m.value()).isEqualTo(60339.811146);
        assertThat(m.averageMicros()).isEqualTo(132);
        assertThat(m.p99Micros()).isEqualTo(-1);
    }

    @Test
    void outputWithoutTpsHasNoMeasurement() {
        assertThat(PgbenchOutput.measurement("pgbench (15.14)\nstarting vacuum...end.\n")).isEmpty();
    }

    @Test
    void firstErrorLineIsTheFirstLineNamingAnError() {
        String init = """
                dropping old tables...
                creating tables...
                generating data (client-side)...
                pgbench: error: query failed: ERROR:  syntax error at or near "freeze"
                pgbench: detail: Query was: copy pgbench_accounts from stdin with (freeze on)
                """;
        assertThat(PgbenchOutput.firstErrorLine(init))
                .isEqualTo("pgbench: error: query failed: ERROR:  syntax error at or near \"freeze\"");
    }

    @Test
    void connectionRefusalIsAnErrorLine() {
        String refused = "pgbench: error: connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n";
        assertThat(PgbenchOutput.firstErrorLine(refused)).startsWith("pgbench: error: connection to server");
    }

    @Test
    void withoutAnErrorLineTheLastLineExplains() {
        assertThat(PgbenchOutput.firstErrorLine("creating tables...\nsomething odd\n\n")).isEqualTo("something odd");
        assertThat(PgbenchOutput.firstErrorLine("")).isEqualTo("pgbench printed nothing");
    }
}
