package io.tessera.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.error.SqlException;
import io.tessera.sql.store.FragmentRouter;
import io.tessera.sql.api.Cursor;
import io.tessera.sql.api.SqlSession;
import io.tessera.sql.store.TableLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SELECT ... FOR UPDATE through a session on the in-memory store: the rows come back as without
 * the clause, and the store is asked to lock exactly the table keys of the rows returned, each in
 * the fragment that holds it (the store checks the routing).
 */
class RowLockingTest {
    private final TestEngines t = new TestEngines();
    private final SqlSession s = t.session();

    private List<List<Object>> run(String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (Cursor c = s.execute(s.prepare(sql, List.of()), List.of())) {
            for (Object[] r = c.next(); r != null; r = c.next()) {
                rows.add(java.util.Arrays.asList(r));
            }
        }
        s.sync();
        return rows;
    }

    @BeforeEach
    void tables() {
        run("CREATE TABLE acct (id INT PRIMARY KEY, owner TEXT, balance INT)");
        run("INSERT INTO acct SELECT g, 'o' || (g % 3), g * 10 FROM generate_series(-5, 20) g");
        run("CREATE TABLE owner (name TEXT PRIMARY KEY, city TEXT)");
        run("INSERT INTO owner VALUES ('o0', 'Oslo'), ('o1', 'Lyon'), ('o9', 'Nowhere')");
        t.kv.locks.clear();
    }

    /** The keys locked, as the set of primary keys of {@code table} they encode. */
    private Set<ByteBuffer> locked(String table) {
        TableDescriptor td = t.catalog.table(table).orElseThrow();
        Set<ByteBuffer> out = new HashSet<>();
        for (InMemoryKvStore.LockCall call : t.kv.locks) {
            for (byte[] key : call.keys()) {
                if (td.fragments().stream().anyMatch(f -> f.id() == call.fragmentId())) {
                    assertThat(FragmentRouter.fragmentFor(td, key)).isEqualTo(call.fragmentId());
                    assertThat(out.add(ByteBuffer.wrap(key))).as("each key locked once").isTrue();
                }
            }
        }
        return out;
    }

    private Set<ByteBuffer> keys(String table, Object... primaryKeys) {
        TableLayout layout = new TableLayout(t.catalog.table(table).orElseThrow());
        Set<ByteBuffer> out = new HashSet<>();
        for (Object k : primaryKeys) {
            out.add(ByteBuffer.wrap(layout.keyOf(List.of(k))));
        }
        return out;
    }

    @Test
    void forUpdateLocksTheRowsItReturnsAndReturnsThemUnchanged() {
        String query = "SELECT id, balance FROM acct WHERE id IN (-2, 3, 7) ORDER BY id";
        List<List<Object>> plain = run(query);
        assertThat(t.kv.locks).isEmpty();
        assertThat(run(query + " FOR UPDATE")).isEqualTo(plain).hasSize(3);
        assertThat(locked("acct")).isEqualTo(keys("acct", -2, 3, 7));
    }

    @Test
    void everyLockStrengthLocks() {
        for (String mode : List.of("FOR NO KEY UPDATE", "FOR SHARE", "FOR KEY SHARE")) {
            t.kv.locks.clear();
            assertThat(run("SELECT owner FROM acct WHERE id = 4 " + mode)).containsExactly(List.of("o1"));
            assertThat(locked("acct")).isEqualTo(keys("acct", 4));
        }
    }

    @Test
    void limitLocksOnlyTheRowsReturned() {
        assertThat(run("SELECT id FROM acct WHERE balance > 0 ORDER BY balance DESC LIMIT 2 FOR UPDATE"))
                .containsExactly(List.of(20), List.of(19));
        assertThat(locked("acct")).isEqualTo(keys("acct", 20, 19));
    }

    @Test
    void manyRowsAreLockedInBatches() {
        run("CREATE TABLE big (id INT PRIMARY KEY, v INT)");
        run("INSERT INTO big SELECT g, g FROM generate_series(1, 1000) g");
        t.kv.locks.clear();
        assertThat(run("SELECT count(*) FROM (SELECT id FROM big) b")).containsExactly(List.of(1000L));
        List<List<Object>> rows = run("SELECT id FROM big FOR UPDATE");
        assertThat(rows).hasSize(1000);
        Object[] all = rows.stream().map(r -> r.get(0)).toArray();
        assertThat(locked("big")).isEqualTo(keys("big", all));
        int fragments = t.catalog.table("big").orElseThrow().fragments().size();
        assertThat(t.kv.locks.size()).as("one call per fragment per batch of rows")
                .isGreaterThanOrEqualTo(1000 / 256).isLessThanOrEqualTo((1000 / 256 + 1) * fragments);
    }

    @Test
    void aJoinLocksTheRowsOfEveryTableOrOfTheOneNamed() {
        String join = "SELECT a.id, o.city FROM acct a JOIN owner o ON o.name = a.owner WHERE a.id BETWEEN 0 AND 4 ORDER BY a.id";
        List<List<Object>> plain = run(join);
        assertThat(run(join + " FOR UPDATE")).isEqualTo(plain).hasSize(4); // 0, 1, 3, 4 (o2 has no owner row)
        assertThat(locked("acct")).isEqualTo(keys("acct", 0, 1, 3, 4));
        assertThat(locked("owner")).isEqualTo(keys("owner", "o0", "o1"));

        t.kv.locks.clear();
        assertThat(run(join + " FOR UPDATE OF o")).isEqualTo(plain);
        assertThat(locked("acct")).isEmpty();
        assertThat(locked("owner")).isEqualTo(keys("owner", "o0", "o1"));
    }

    @Test
    void theMissingSideOfAnOuterJoinIsNotLocked() {
        List<List<Object>> rows = run("SELECT a.id, o.city FROM acct a LEFT JOIN owner o ON o.name = a.owner "
                + "WHERE a.id IN (1, 2) ORDER BY a.id FOR UPDATE");
        assertThat(rows).containsExactly(List.of(1, "Lyon"), java.util.Arrays.asList(2, null));
        assertThat(locked("acct")).isEqualTo(keys("acct", 1, 2));
        assertThat(locked("owner")).isEqualTo(keys("owner", "o1"));
    }

    @Test
    void aLockingSubqueryLocksItsOwnRows() {
        assertThat(run("SELECT name FROM owner WHERE name IN (SELECT owner FROM acct WHERE id = 3 FOR UPDATE)"))
                .containsExactly(List.of("o0"));
        assertThat(locked("acct")).isEqualTo(keys("acct", 3));
        assertThat(locked("owner")).isEmpty();
    }

    @Test
    void functionsAndWithQueriesAreSkippedUnlessNamed() {
        assertThat(run("SELECT a.id, g FROM acct a, generate_series(1, 2) g WHERE a.id = 5 ORDER BY g FOR UPDATE"))
                .containsExactly(List.of(5, 1), List.of(5, 2));
        assertThat(locked("acct")).isEqualTo(keys("acct", 5));
        assertError("SELECT * FROM acct a, generate_series(1, 2) g FOR UPDATE OF g", "0A000",
                "FOR UPDATE cannot be applied to a function");
    }

    @Test
    void shapesPostgreSqlRejectsAreRejected() {
        assertError("SELECT count(*) FROM acct FOR UPDATE", "0A000", "FOR UPDATE is not allowed with aggregate functions");
        assertError("SELECT owner FROM acct GROUP BY owner FOR UPDATE", "0A000", "FOR UPDATE is not allowed with GROUP BY clause");
        assertError("SELECT DISTINCT owner FROM acct FOR SHARE", "0A000", "FOR SHARE is not allowed with DISTINCT clause");
        assertError("SELECT id, row_number() OVER () FROM acct FOR UPDATE", "0A000", "FOR UPDATE is not allowed with window functions");
        assertError("SELECT id FROM acct UNION SELECT 1 FOR UPDATE", "0A000",
                "FOR UPDATE is not allowed with UNION/INTERSECT/EXCEPT");
        assertError("SELECT * FROM (SELECT * FROM acct) x FOR UPDATE", "0A000", "FOR UPDATE on a subquery is not supported");
        assertError("SELECT * FROM acct FOR UPDATE OF nosuch", "42P01",
                "relation \"nosuch\" in FOR UPDATE clause not found in FROM clause");
        assertError("SELECT * FROM acct FOR UPDATE NOWAIT", "0A000", "FOR UPDATE NOWAIT is not supported");
        assertError("SELECT * FROM acct FOR UPDATE SKIP LOCKED", "0A000", "FOR UPDATE SKIP LOCKED is not supported");
        assertThat(t.kv.locks).isEmpty();
    }

    @Test
    void aReadOnlyTransactionCannotLock() {
        run("BEGIN");
        run("SET TRANSACTION READ ONLY");
        assertError("SELECT * FROM acct WHERE id = 1 FOR UPDATE", "25006",
                "cannot execute SELECT FOR UPDATE in a read-only transaction");
        run("ROLLBACK");
        assertThat(run("SELECT id FROM acct WHERE id = 1 FOR UPDATE")).containsExactly(List.of(1));
    }

    @Test
    void explainShowsTheLock() {
        List<List<Object>> plan = run("EXPLAIN SELECT * FROM acct WHERE id = 1 FOR UPDATE");
        assertThat(plan.get(0).get(0).toString()).contains("Lock Rows");
        assertThat(t.kv.locks).isEmpty();
    }

    @Test
    void aTableWithoutPrimaryKeyIsLockedByItsRowId() {
        run("CREATE TABLE nopk (v TEXT)");
        run("INSERT INTO nopk VALUES ('x'), ('y'), ('z')");
        t.kv.locks.clear();
        assertThat(run("SELECT v FROM nopk WHERE v <> 'y' ORDER BY v FOR UPDATE")).containsExactly(List.of("x"), List.of("z"));
        assertThat(locked("nopk")).hasSize(2);
    }

    @Test
    void aPreparedLockingQueryLocksOnEveryExecution() {
        var p = s.prepare("SELECT balance FROM acct WHERE id = $1 FOR UPDATE", List.of());
        for (int id : new int[] {2, 9}) {
            try (Cursor c = s.execute(p, List.of(id))) {
                assertThat(c.next()).containsExactly(id * 10);
                assertThat(c.next()).isNull();
            }
        }
        assertThat(locked("acct")).isEqualTo(keys("acct", 2, 9));
    }

    @Test
    void explainAnalyzeRunsTheLock() {
        List<List<Object>> plan = run("EXPLAIN ANALYZE SELECT * FROM acct WHERE id = 1 FOR UPDATE");
        assertThat(plan.get(0).get(0).toString()).contains("Lock Rows").contains("rows=1");
        assertThat(locked("acct")).isEqualTo(keys("acct", 1));
    }

    private void assertError(String sql, String state, String message) {
        assertThatThrownBy(() -> run(sql)).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).as(e.getMessage()).isEqualTo(state)).hasMessageContaining(message);
    }
}
