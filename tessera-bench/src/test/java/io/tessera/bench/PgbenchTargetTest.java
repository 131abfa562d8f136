package io.tessera.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgbenchTargetTest {
    @Test
    void aMultiHostUrlGivesPgbenchItsFirstHost() {
        assertThat(Pgbench.firstHost("jdbc:postgresql://127.0.0.1:7432,127.0.0.1:7442/tessera?loadBalanceHosts=true"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:7432/tessera");
        assertThat(Pgbench.firstHost("jdbc:postgresql://127.0.0.1:5432/postgres")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
    }
}
