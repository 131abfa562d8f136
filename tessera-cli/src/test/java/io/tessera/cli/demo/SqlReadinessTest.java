package io.tessera.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SqlReadinessTest {

    private static String closedAddress() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void exitedProcessEndsTheWaitAtOnce() throws Exception {
        assertThat(SqlReadiness.await(closedAddress(), Duration.ofMinutes(5), () -> false)).isEqualTo(SqlReadiness.Outcome.EXITED);
    }

    @Test
    void nothingListeningUntilTheDeadline() throws Exception {
        assertThat(SqlReadiness.await(closedAddress(), Duration.ZERO, () -> true)).isEqualTo(SqlReadiness.Outcome.TIMED_OUT);
    }
}
