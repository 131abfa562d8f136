package io.tessera.kv.impl;

import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableSpec;
import io.tessera.common.time.Clock;
import io.tessera.common.types.SqlType;
import io.tessera.kv.api.FragmentRouter;
import io.tessera.kv.api.Mutation;
import io.tessera.kv.api.StorageNode;
import io.tessera.kv.api.StorageNodeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link KillNineDurabilityTest}: writes rows one write at a time, forever,
 * printing "acked N" after each acknowledged write, until it is killed.
 */
public final class CrashingWriter {
    public static void main(String[] args) {
        StorageNodeConfig config = KillNineDurabilityTest.config(Path.of(args[0]));
        StorageNode node = StorageNode.open(config, Clock.system());
        TableDescriptor t = node.catalog().table("crash").orElseGet(() -> node.catalog().createTable(new TableSpec("crash",
                List.of(new ColumnDescriptor(0, "id", SqlType.INT8, true, null, false)), List.of(0), 2)));
        System.out.println("ready");
        System.out.flush();
        for (long id = 0; ; id++) {
            byte[] key = StorageNodeTest.key(t, id);
            node.kv().write(FragmentRouter.owner(t, key).id(),
                    List.of(new Mutation.PutIfAbsent(key, ("row " + id).getBytes(StandardCharsets.UTF_8))));
            System.out.println("acked " + id);
            System.out.flush();
        }
    }
}
