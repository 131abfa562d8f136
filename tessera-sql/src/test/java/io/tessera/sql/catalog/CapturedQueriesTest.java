package io.tessera.sql.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.sql.spi.SqlFunction;
import io.tessera.sql.spi.SystemColumn;
import io.tessera.sql.spi.SystemTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The captured client queries (test resources catalog/queries) against this provider: every
 * catalog table and column they name exists, and every function they call is either provided here
 * or on the list of functions the SQL engine itself must supply.
 */
class CapturedQueriesTest {
    /** Queries extracted verbatim from pgcompat/client-queries.md; see catalog/queries/README.md. */
    static final List<String> QUERIES = List.of("psql-dt", "psql-d", "psql-l", "psql-du", "pgbench-partition-check",
            "pgjdbc-rsmd-column-info", "pgjdbc-get-tables", "pgjdbc-current-catalog", "pgjdbc-get-columns",
            "pgjdbc-get-primary-keys", "pgjdbc-type-info-1", "pgjdbc-type-info-2", "psql-d-customers-01",
            "psql-d-customers-02", "psql-d-customers-03", "psql-d-customers-04", "psql-d-customers-05",
            "psql-d-customers-06", "psql-d-customers-07", "psql-d-customers-08", "psql-d-customers-09",
            "psql-d-customers-10", "psql-d-customers-11", "psql-d-customers-12");

    /** Functions in the captured queries that are SQL-engine work: aggregates, windows, set-returning. */
    static final Set<String> ENGINE_FUNCTIONS = Set.of("count", "string_agg", "row_number", "nullif",
            "generate_series", "pg_partition_ancestors", "_pg_expandarray", "array");

    /** The columns each catalog is read by, as listed in client-queries.md sections 2.9 and 6.4. */
    static final Map<String, List<String>> REFERENCED_COLUMNS = Map.ofEntries(
            Map.entry("pg_class", List.of("oid", "relname", "relnamespace", "relkind", "relowner", "relam", "relchecks", "relhasindex", "relhasrules", "relhastriggers", "relrowsecurity", "relforcerowsecurity", "relispartition", "reltablespace", "reloftype", "relpersistence", "relreplident", "reltoastrelid", "relpartbound")),
            Map.entry("pg_namespace", List.of("oid", "nspname")),
            Map.entry("pg_am", List.of("oid", "amname")),
            Map.entry("pg_attribute", List.of("attrelid", "attname", "attnum", "atttypid", "atttypmod", "attnotnull", "atthasdef", "attcollation", "attidentity", "attgenerated", "attisdropped", "attlen")),
            Map.entry("pg_attrdef", List.of("adrelid", "adnum", "adbin")),
            Map.entry("pg_type", List.of("oid", "typcollation", "typname", "typnamespace", "typtype", "typnotnull", "typbasetype", "typtypmod", "typinput")),
            Map.entry("pg_collation", List.of("oid", "collname")),
            Map.entry("pg_index", List.of("indrelid", "indexrelid", "indisprimary", "indisunique", "indisclustered", "indisvalid", "indisreplident")),
            Map.entry("pg_constraint", List.of("oid", "conname", "conrelid", "confrelid", "conindid", "contype", "condeferrable", "condeferred", "conparentid", "conkey")),
            Map.entry("pg_policy", List.of("polname", "polpermissive", "polroles", "polqual", "polwithcheck", "polcmd", "polrelid")),
            Map.entry("pg_statistic_ext", List.of("oid", "stxrelid", "stxnamespace", "stxname", "stxkind", "stxstattarget")),
            Map.entry("pg_publication", List.of("oid", "pubname", "puballtables")),
            Map.entry("pg_publication_namespace", List.of("pnpubid", "pnnspid")),
            Map.entry("pg_publication_rel", List.of("prpubid", "prrelid", "prqual", "prattrs")),
            Map.entry("pg_trigger", List.of("oid", "tgname", "tgrelid", "tgenabled", "tgisinternal", "tgparentid")),
            Map.entry("pg_inherits", List.of("inhrelid", "inhparent", "inhseqno", "inhdetachpending")),
            Map.entry("pg_database", List.of("datname", "datdba", "encoding", "datcollate", "datctype", "daticulocale", "datlocprovider", "datacl")),
            Map.entry("pg_roles", List.of("oid", "rolname", "rolsuper", "rolinherit", "rolcreaterole", "rolcreatedb", "rolcanlogin", "rolconnlimit", "rolvaliduntil", "rolreplication", "rolbypassrls")),
            Map.entry("pg_auth_members", List.of("roleid", "member")),
            Map.entry("pg_partitioned_table", List.of("partrelid", "partstrat")),
            Map.entry("pg_description", List.of("objoid", "classoid", "objsubid", "description"))
    );

    private final CatalogFixture f = new CatalogFixture();

    private static String read(String name) throws IOException {
        try (InputStream in = CapturedQueriesTest.class.getResourceAsStream("/catalog/queries/" + name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Map<String, SystemTable> tablesByName() {
        Map<String, SystemTable> map = new HashMap<>();
        for (SystemTable t : f.provider.tables()) {
            map.put(t.schema() + "." + t.name(), t);
        }
        return map;
    }

    private static Set<String> columnNames(SystemTable table) {
        return table.columns().stream().map(SystemColumn::name).collect(Collectors.toSet());
    }

    @Test
    void everyColumnTheCaptureListsExists() {
        Map<String, SystemTable> tables = tablesByName();
        REFERENCED_COLUMNS.forEach((table, columns) -> {
            SystemTable t = tables.get("pg_catalog." + table);
            assertThat(t).as("table %s", table).isNotNull();
            assertThat(columnNames(t)).as("columns of %s", table).containsAll(columns);
        });
    }

    private static final Pattern FROM_ITEM = Pattern.compile(
            "(?i)\\b(?:from|join|,)\\s+(?:(pg_catalog|information_schema)\\.)?(pg_\\w+)(?:\\s+(?:as\\s+)?(?!on\\b|join\\b|left\\b|where\\b|cross\\b|using\\b)(\\w+))?");
    private static final Pattern QUALIFIED_COLUMN = Pattern.compile("\\b(\\w+)\\.(\\w+)\\b(?!\\s*\\()");

    @Test
    void everyAliasQualifiedColumnInTheQueriesExists() throws IOException {
        Map<String, SystemTable> tables = tablesByName();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String query : QUERIES) {
            String text = read(query + ".sql");
            Map<String, SystemTable> aliases = new HashMap<>();
            Matcher from = FROM_ITEM.matcher(text);
            while (from.find()) {
                SystemTable table = tables.get("pg_catalog." + from.group(2));
                if (table != null) {
                    aliases.put(from.group(3) == null ? from.group(2) : from.group(3), table);
                    aliases.putIfAbsent(from.group(2), table);
                }
            }
            Matcher column = QUALIFIED_COLUMN.matcher(text);
            while (column.find()) {
                SystemTable table = aliases.get(column.group(1));
                if (table != null) {
                    checked++;
                    if (!columnNames(table).contains(column.group(2))) {
                        missing.add(query + ": " + column.group(0));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(checked).as("qualified column references checked").isGreaterThan(150);
    }

    private static final Pattern CALL = Pattern.compile("(?i)\\b(?:pg_catalog\\.|information_schema\\.)?(\\w+)\\s*\\(");
    private static final Set<String> SQL_WORDS = Set.of("in", "as", "on", "and", "or", "not", "any", "values",
            "exists", "select", "from", "over", "using", "when", "then", "else", "case", "where", "join", "by",
            "union", "all", "is", "like", "lateral", "operator");

    @Test
    void everyFunctionTheQueriesCallIsProvidedOrLeftToTheEngine() throws IOException {
        Set<String> provided = f.provider.functions().stream().map(SqlFunction::name).collect(Collectors.toSet());
        Set<String> tableNames = f.provider.tables().stream().map(SystemTable::name).collect(Collectors.toSet());
        List<String> unknown = new ArrayList<>();
        for (String query : QUERIES) {
            Matcher call = CALL.matcher(read(query + ".sql").replaceAll("'[^']*'", "''"));
            while (call.find()) {
                String name = call.group(1).toLowerCase(java.util.Locale.ROOT);
                boolean known = provided.contains(name) || ENGINE_FUNCTIONS.contains(name) || SQL_WORDS.contains(name)
                        || tableNames.contains(name) || name.matches("\\w+_(?:seq|idx)|[a-z]|vals|result|keys");
                if (!known) {
                    unknown.add(query + ": " + name);
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void everyQueryHasAnExpectedResult() throws IOException {
        for (String query : QUERIES) {
            String expected = read(query + ".expected");
            assertThat(expected).as(query).startsWith("-- columns: ").contains("-- tag: ");
            assertThat(read(query.replace("customers", "orders") + ".sql")).isNotEmpty();
        }
    }
}
