package io.tessera.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void boundPortIsBusyAndAFreedOneIsNot() throws Exception {
        int freed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(DemoNode.HOST))) {
            freed = s.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(DemoNode.HOST))) {
            assertThat(PortCheck.busy(List.of(taken.getLocalPort(), freed))).containsExactly(taken.getLocalPort());
        }
    }
}
