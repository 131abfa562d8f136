package io.tessera.cli.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds demo ports already taken before any node starts. Without it a node left running by an
 * earlier demo or {@code tessera start} would answer the readiness check in place of the new node.
 */
final class PortCheck {
    private PortCheck() {
    }

    /** The ports among these that cannot be bound on the loopback address now. */
    static List<Integer> busy(List<Integer> ports) {
        List<Integer> busy = new ArrayList<>();
        for (int port : ports) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(DemoNode.HOST))) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                busy.add(port);
            }
        }
        return List.copyOf(busy);
    }
}
