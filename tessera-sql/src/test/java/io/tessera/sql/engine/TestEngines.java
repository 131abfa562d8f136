package io.tessera.sql.engine;

import io.tessera.common.time.Clock;
import io.tessera.sql.api.SqlSession;
import java.util.List;
import java.util.Map;

/** An engine over in-memory storage with a fixed clock (2024-01-02 03:04:05.678 UTC). */
final class TestEngines {
    static final long NOW_MILLIS = 1704164645678L;

    final InMemoryKvStore kv = new InMemoryKvStore();
    final InMemoryCatalog catalog = new InMemoryCatalog(kv);
    final TesseraSqlEngine engine = new TesseraSqlEngine(catalog, kv, new Clock() {
        @Override public long nowMillis() { return NOW_MILLIS; }
        @Override public long nanoTime() { return 0; }
    }, List.of(new FakeSystemCatalog()));

    SqlSession session() {
        return engine.openSession("tessera", "tessera", Map.of("application_name", "tests"));
    }
}
