package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pgjdbc's DatabaseMetaData, which tools (DBeaver, ORMs) call first, answers from Tessera's catalog. */
class DatabaseMetaDataTest {
    static NodeProcess node;

    @BeforeAll
    static void setUp() throws Exception {
        node = SharedNode.get();
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS meta_orders (region TEXT, id BIGINT, amount NUMERIC(10,2) NOT NULL,"
                    + " note VARCHAR(40), PRIMARY KEY (region, id))");
        }
    }

    @Test
    void getTablesListsTheTable() throws Exception {
        try (Connection c = node.connect()) {
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getTables(null, "public", "meta_orders", new String[] {"TABLE"})) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("TABLE_NAME")).isEqualTo("meta_orders");
                assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("public");
                assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void getColumnsGivesNamesTypesAndNullability() throws Exception {
        try (Connection c = node.connect()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getColumns(null, "public", "meta_orders", "%")) {
                while (rs.next()) {
                    rows.add(rs.getInt("ORDINAL_POSITION") + " " + rs.getString("COLUMN_NAME") + " "
                            + rs.getString("TYPE_NAME") + " " + rs.getInt("COLUMN_SIZE") + " " + rs.getString("IS_NULLABLE"));
                }
            }
            assertThat(rows).containsExactly(
                    "1 region text 2147483647 NO",
                    "2 id int8 19 NO",
                    "3 amount numeric 10 NO",
                    "4 note varchar 40 YES");
        }
    }

    @Test
    void getPrimaryKeysInKeyOrder() throws Exception {
        try (Connection c = node.connect()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, "public", "meta_orders")) {
                while (rs.next()) {
                    rows.add(rs.getShort("KEY_SEQ") + " " + rs.getString("COLUMN_NAME") + " " + rs.getString("PK_NAME"));
                }
            }
            assertThat(rows).containsExactly("1 region meta_orders_pkey", "2 id meta_orders_pkey");
        }
    }
}
