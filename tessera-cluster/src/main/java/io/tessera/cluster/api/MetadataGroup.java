package io.tessera.cluster.api;

import io.tessera.cluster.impl.RaftCatalog;
import io.tessera.replication.api.RaftHost;
import io.tessera.replication.api.StateMachineFactory;

/**
 * Wires the catalog into a node: register {@link #stateMachineFactory()} as the META kind when
 * opening the {@link RaftHost}, start the host, then {@link #openCatalog(RaftHost)}.
 */
public final class MetadataGroup {
    private final RaftCatalog.View view = new RaftCatalog.View();

    public StateMachineFactory stateMachineFactory() {
        return RaftCatalog.stateMachineFactory(view);
    }

    /**
     * Creates the metadata group on a fresh node, then makes the host's fragment groups match the
     * catalog (creates missing ones, removes ones of dropped tables), which repairs a crash between
     * a catalog change and its group changes.
     */
    public Catalog openCatalog(RaftHost host) {
        return RaftCatalog.open(host, view);
    }
}
