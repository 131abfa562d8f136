package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ALTER TABLE through pgjdbc, and what psql's \d shows afterwards. */
class AlterTableTest {
    static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = SharedNode.get();
    }

    private static void assertFails(Statement s, String sql, String sqlState) {
        assertThatThrownBy(() -> s.execute(sql)).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(sqlState));
    }

    @Test
    void addPrimaryKeyReKeysTheRowsAndPsqlShowsIt() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE alt_pk (id int NOT NULL, v text)");
            s.execute("INSERT INTO alt_pk VALUES (3, 'c'), (1, 'a'), (2, 'b')");
            s.execute("ALTER TABLE alt_pk ADD PRIMARY KEY (id)");
            try (ResultSet rs = s.executeQuery("SELECT id, v FROM alt_pk ORDER BY id")) {
                for (int i = 1; i <= 3; i++) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(i);
                }
                assertThat(rs.next()).isFalse();
            }
            assertFails(s, "INSERT INTO alt_pk VALUES (2, 'again')", "23505");
            assertFails(s, "ALTER TABLE alt_pk ADD PRIMARY KEY (v)", "42P16");
        }
        Psql.Result r = Psql.run(node, "\\d alt_pk");
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout()).contains("\"alt_pk_pkey\" PRIMARY KEY, btree (id)")
                .containsPattern("id\\s*\\|\\s*integer\\s*\\|\\s*\\|\\s*not null").doesNotContain("tessera_rowid");
    }

    @Test
    void addPrimaryKeyRefusesDuplicatesAndNulls() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE alt_dup (id int, v text)");
            s.execute("INSERT INTO alt_dup VALUES (1, 'a'), (1, 'b')");
            assertFails(s, "ALTER TABLE alt_dup ADD PRIMARY KEY (id)", "23505");
            s.execute("CREATE TABLE alt_null (id int, v text)");
            s.execute("INSERT INTO alt_null VALUES (1, 'a'), (NULL, 'b')");
            assertFails(s, "ALTER TABLE alt_null ADD PRIMARY KEY (id)", "23502");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM alt_dup")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2); // a refused ALTER leaves the rows alone
            }
            assertFails(s, "ALTER TABLE alt_dup ADD CONSTRAINT fk FOREIGN KEY (id) REFERENCES alt_null (id)", "0A000");
        }
    }

    @Test
    void addDropAndRenameColumnsAndRenameTheTable() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE alt_cols (id int PRIMARY KEY, a text)");
            s.execute("INSERT INTO alt_cols VALUES (1, 'x'), (2, 'y')");
            s.execute("ALTER TABLE alt_cols ADD COLUMN n int DEFAULT 42 NOT NULL");
            s.execute("ALTER TABLE alt_cols ADD IF NOT EXISTS n int");
            s.execute("ALTER TABLE alt_cols ADD b text");
            assertFails(s, "ALTER TABLE alt_cols ADD COLUMN n int", "42701");
            assertFails(s, "ALTER TABLE alt_cols ADD COLUMN z int NOT NULL", "23502");
            s.execute("ALTER TABLE alt_cols DROP COLUMN a");
            s.execute("ALTER TABLE alt_cols DROP COLUMN IF EXISTS a");
            assertFails(s, "ALTER TABLE alt_cols DROP COLUMN a", "42703");
            s.execute("ALTER TABLE alt_cols ADD COLUMN a int"); // must not see the dropped text values
            s.execute("ALTER TABLE alt_cols RENAME COLUMN b TO bee");
            s.execute("ALTER TABLE alt_cols RENAME TO alt_renamed");
            assertFails(s, "SELECT * FROM alt_cols", "42P01");
            try (ResultSet rs = s.executeQuery("SELECT id, n, bee, a FROM alt_renamed ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(2)).isEqualTo(42);
                assertThat(rs.getString(3)).isNull();
                assertThat(rs.getObject(4)).isNull();
                assertThat(rs.next()).isTrue();
                assertThat(rs.next()).isFalse();
            }
            s.execute("INSERT INTO alt_renamed (id, bee) VALUES (3, 'z')");
            try (ResultSet rs = s.executeQuery("SELECT n FROM alt_renamed WHERE id = 3")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
        Psql.Result r = Psql.run(node, "\\d alt_renamed");
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout()).containsPattern("n\\s*\\|\\s*integer\\s*\\|\\s*\\|\\s*not null\\s*\\|\\s*42")
                .containsPattern("bee\\s*\\|\\s*text");
    }
}
