package io.tessera.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.time.Clock;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TextFormat;
import io.tessera.sql.api.Cursor;
import io.tessera.sql.api.ResultColumn;
import io.tessera.sql.api.SqlSession;
import io.tessera.sql.catalog.PgCatalogProvider;
import io.tessera.sql.spi.Oids;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * The catalog queries psql, pgjdbc and pgbench send (captured against PostgreSQL 15, kept with their
 * expected Tessera answers in {@code src/test/resources/catalog/queries}), run through the engine
 * with the real pg_catalog provider: rows must match exactly, and column labels and types too,
 * except for the two types Tessera cannot name yet (regclass and name[] have no TypeKind).
 */
class CapturedClientQueriesTest {
    private static final Map<Integer, String> TYPE_NAMES = Map.ofEntries(Map.entry(19, "name"), Map.entry(25, "text"),
            Map.entry(16, "bool"), Map.entry(18, "char"), Map.entry(26, "oid"), Map.entry(21, "int2"), Map.entry(23, "int4"),
            Map.entry(20, "int8"), Map.entry(2205, "regclass"), Map.entry(1184, "timestamptz"), Map.entry(1003, "_name"),
            Map.entry(1009, "_text"));

    private static String resource(String name) throws IOException {
        try (InputStream in = CapturedClientQueriesTest.class.getResourceAsStream("/catalog/queries/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String run(SqlSession s, String sql, List<Object> params, List<SqlType> hints) {
        StringBuilder sb = new StringBuilder();
        try (Cursor c = s.execute(s.prepare(sql, hints), params)) {
            List<ResultColumn> cols = c.columns();
            StringJoiner h = new StringJoiner(" | ");
            for (ResultColumn rc : cols) {
                h.add(rc.name() + " " + TYPE_NAMES.getOrDefault(rc.type().oid(), "" + rc.type().oid()));
            }
            sb.append("-- columns: ").append(h).append('\n');
            for (Object[] row = c.next(); row != null; row = c.next()) {
                StringJoiner j = new StringJoiner(" | ");
                for (int i = 0; i < row.length; i++) {
                    String t = row[i] == null ? "NULL" : TextFormat.format(row[i], cols.get(i).type(), ZoneOffset.UTC);
                    j.add(t != null && t.isEmpty() ? "''" : t);
                }
                sb.append(j).append('\n');
            }
            sb.append("-- tag: ").append(c.commandTag()).append('\n');
            s.sync();
        } catch (RuntimeException e) {
            sb.append("ERROR ").append(e).append('\n');
        }
        return sb.toString();
    }

    @Test
    void capturedCatalogQueriesReturnTheExpectedRows() throws IOException {
        InMemoryKvStore kv = new InMemoryKvStore();
        InMemoryCatalog catalog = new InMemoryCatalog(kv);
        Clock clock = new Clock() {
            @Override public long nowMillis() { return 1_700_000_000_000L; }
            @Override public long nanoTime() { return 0; }
        };
        TesseraSqlEngine engine = new TesseraSqlEngine(catalog, kv, clock, List.of(new PgCatalogProvider(Instant.EPOCH)));
        SqlSession s = engine.openSession("tessera", "tessera", Map.of());
        run(s, "CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email varchar(100), created_at timestamptz DEFAULT now())",
                List.of(), List.of());
        run(s, "CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int, amount numeric(10,2), note text)", List.of(), List.of());
        long customers = Oids.tableOid(catalog.table("customers").orElseThrow().id());
        long orders = Oids.tableOid(catalog.table("orders").orElseThrow().id());
        List<String> failures = new ArrayList<>();
        int checked = 0;
        List<String> names = new ArrayList<>(resource("manifest.tsv").lines().skip(1).map(l -> l.split("\t")[0])
                .filter(n -> !n.startsWith("pgbench")).toList());
        names.add("pgbench-partition-check");
        for (String n : names) {
            if (n.startsWith("pgbench")) {
                // pgbench asks only after pgbench -i made its tables
                run(s, "create table pgbench_accounts(aid int not null,bid int,abalance int,filler char(84)) with (fillfactor=100)",
                        List.of(), List.of());
            }
            String sql = resource(n + ".sql").replace("${customers.oid}", "" + customers).replace("${orders.oid}", "" + orders);
            String expected = resource(n + ".expected").replace("${customers.oid}", "" + customers).replace("${orders.oid}", "" + orders);
            String got = run(s, sql, parameters(n), hints(n));
            checked++;
            List<String> gotLines = got.lines().map(CapturedClientQueriesTest::knownTypeGaps).toList();
            List<String> expLines = expected.lines().map(CapturedClientQueriesTest::knownTypeGaps).toList();
            if (!gotLines.equals(expLines)) {
                failures.add(n + "\n  expected: " + expLines + "\n  got:      " + gotLines);
            }
        }
        assertThat(checked).isGreaterThan(30);
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    /** regclass and name[] come back as name and text[]: TypeKind has neither (yet). */
    private static String knownTypeGaps(String line) {
        return line.startsWith("-- columns") ? line.replace(" regclass", " name").replace(" _name", " _text") : line;
    }

    private static List<Object> parameters(String n) {
        return switch (n) {
            case "pgjdbc-get-tables" -> List.of("public", "%");
            case "pgjdbc-get-columns" -> List.of("public", "customers", "%");
            case "pgjdbc-get-primary-keys" -> List.of("public", "orders");
            case "pgjdbc-type-info-1" -> List.of(1186);
            case "pgjdbc-type-info-2" -> List.of(1186L);
            default -> List.of();
        };
    }

    private static List<SqlType> hints(String n) {
        return switch (n) {
            case "pgjdbc-get-tables", "pgjdbc-get-primary-keys" -> List.of(SqlType.VARCHAR, SqlType.VARCHAR);
            case "pgjdbc-get-columns" -> List.of(SqlType.VARCHAR, SqlType.VARCHAR, SqlType.VARCHAR);
            case "pgjdbc-type-info-1" -> List.of(SqlType.INT4);
            case "pgjdbc-type-info-2" -> List.of(SqlType.INT8);
            default -> List.of();
        };
    }
}
