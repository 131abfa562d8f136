package io.tessera.it;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One node shared by the test classes that only read and write through SQL (each uses its own
 * table names), so the suite does not pay a node start per class. Stopped when the test JVM exits.
 */
final class SharedNode {
    private static NodeProcess node;

    private SharedNode() {}

    static synchronized NodeProcess get() throws Exception {
        if (node == null) {
            Path dir = Files.createTempDirectory("tessera-shared");
            node = NodeProcess.start(dir);
            NodeProcess started = node;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        return node;
    }
}
