package io.tessera.cli.slt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs every file on a fresh in-process node with a fresh data directory: the strongest isolation
 * there is, and it does not depend on the engine supporting {@code pg_tables} or {@code DROP}.
 * The previous file's node is stopped and its directory deleted before the next one starts.
 */
final class NodeTarget implements SltTarget {
    /** The database name in the URL; a fresh node has only the default database. */
    static final String DATABASE = "tessera";

    private final NodeStarter starter;
    private final Path baseDir;
    private NodeStarter.StartedNode node;
    private Path nodeDir;
    private int started;

    NodeTarget(NodeStarter starter, Path baseDir) {
        this.starter = starter;
        this.baseDir = baseDir;
    }

    @Override
    public FileDatabase nextFile() throws Exception {
        stopNode();
        nodeDir = baseDir.resolve("node-" + (++started));
        Files.createDirectories(nodeDir);
        node = starter.start(nodeDir);
        return new FileDatabase("jdbc:postgresql://127.0.0.1:" + node.sqlPort() + "/" + DATABASE, false);
    }

    @Override
    public void close() {
        stopNode();
        deleteTree(baseDir);
    }

    private void stopNode() {
        if (node != null) {
            node.close();
            node = null;
        }
        if (nodeDir != null) {
            deleteTree(nodeDir);
            nodeDir = null;
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
