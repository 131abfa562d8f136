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
    /** The monotonic clock tests advance by hand (statement_timeout). */
    final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
    final TesseraSqlEngine engine = new TesseraSqlEngine(catalog, kv, new Clock() {
        @Override public long nowMillis() { return NOW_MILLIS; }
        @Override public long nanoTime() { return nanos.get(); }
    }, List.of(new FakeSystemCatalog()));

    SqlSession session() {
        return engine.openSession("tessera", "tessera", Map.of("application_name", "tests"));
    }
}
