package io.tessera.cli.slt;

import java.nio.file.Path;

/** Starts a single Tessera node in this process, in a data directory of its own. */
interface NodeStarter {

    /** A running node; {@link #close()} stops it and releases its ports and files. */
    interface StartedNode extends AutoCloseable {
        int sqlPort();

        @Override
        void close();
    }

    /** Starts a node with its SQL, HTTP and RPC ports on free loopback ports. */
    StartedNode start(Path dataDir) throws Exception;
}
