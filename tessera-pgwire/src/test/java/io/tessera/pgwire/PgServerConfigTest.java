package io.tessera.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.pgwire.api.PgServer;
import io.tessera.pgwire.api.PgServerConfig;
import io.tessera.pgwire.api.PgWireCounters;
import io.tessera.pgwire.api.TrustAuthenticator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PgServerConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        PgServerConfig c = PgServerConfig.defaults();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(7432);
        assertThat(c.maxMessageBytes()).isEqualTo(64 * 1024 * 1024);
        assertThat(c.maxStartupPacketBytes()).isEqualTo(10_000);
        assertThat(c.maxConnections()).isEqualTo(100);
    }

    @Test
    void inconsistentLimitsAreRefusedWhenBuilt() {
        PgServerConfig d = PgServerConfig.defaults();
        assertThatThrownBy(() -> d.withMaxMessageBytes(1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxStartupPacketBytes");
        assertThatThrownBy(() -> d.withPort(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxConnections(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withHost(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lifecycleIsChecked() throws Exception {
        PgServer server = new PgServer(PgServerConfig.defaults().withPort(0), new ScriptedSqlEngine(),
                new TrustAuthenticator(), new SplittableRandom(3), PgWireCounters.NONE);
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        server.start();
        assertThat(server.port()).isPositive();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        server.close();
        server.close();
    }
}
