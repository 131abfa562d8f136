package io.tessera.cli.slt;

import java.nio.file.Path;

/**
 * The one place that starts a real Tessera node for {@code tessera slt} without {@code --url}.
 *
 * <p>This branch was written before {@code io.tessera.server.TesseraNode} was committed, so it
 * cannot start one yet and says so; the lead wires {@code TesseraNode.start} here on merge.
 */
final class EmbeddedNode implements NodeStarter {
    @Override
    public StartedNode start(Path dataDir) throws Exception {
        throw new IllegalStateException("this build cannot start an in-process node; run against a server with --url");
    }
}
