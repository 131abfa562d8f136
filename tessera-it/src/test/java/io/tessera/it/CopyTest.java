package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** COPY FROM STDIN and TO STDOUT through pgjdbc's CopyManager and psql's \copy. */
class CopyTest {
    static NodeProcess node;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        node = SharedNode.get();
    }

    private static CopyManager copy(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI();
    }

    private static long in(Connection c, String sql, String data) throws Exception {
        return copy(c).copyIn(sql, new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static String out(Connection c, String sql) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        copy(c).copyOut(sql, bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textFormatWithEscapesNullsAndDefaults() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copy_text (id int PRIMARY KEY, name text, note varchar(20), n numeric DEFAULT 7)");
            long rows = in(c, "COPY copy_text (id, name, note) FROM STDIN", "1\ta\\tb\tx\n2\t\\N\t\n3\tline\\nbreak\tback\\\\slash\n\\.\n");
            assertThat(rows).isEqualTo(3);
            try (ResultSet rs = s.executeQuery("SELECT id, name, note, n FROM copy_text ORDER BY id")) {
                rs.next();
                assertThat(rs.getString(2)).isEqualTo("a\tb");
                assertThat(rs.getInt(4)).isEqualTo(7);
                rs.next();
                assertThat(rs.getString(2)).isNull();
                assertThat(rs.getString(3)).isEmpty();
                rs.next();
                assertThat(rs.getString(2)).isEqualTo("line\nbreak");
                assertThat(rs.getString(3)).isEqualTo("back\\slash");
            }
            assertThat(out(c, "COPY copy_text TO STDOUT"))
                    .isEqualTo("1\ta\\tb\tx\t7\n2\t\\N\t\t7\n3\tline\\nbreak\tback\\\\slash\t7\n");
        }
    }

    @Test
    void csvWithHeaderDelimiterNullAndQuotes() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copy_csv (id int PRIMARY KEY, name text, amount numeric(10,2))");
            long rows = in(c, "COPY copy_csv FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';', NULL 'NA')",
                    "id;name;amount\n1;\"semi;colon\";1.5\n2;NA;NA\n3;\"say \"\"hi\"\"\nthere\";NA\n");
            assertThat(rows).isEqualTo(3);
            try (ResultSet rs = s.executeQuery("SELECT name FROM copy_csv ORDER BY id")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("semi;colon");
                rs.next();
                assertThat(rs.getString(1)).isNull();
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("say \"hi\"\nthere");
            }
            assertThat(out(c, "COPY copy_csv TO STDOUT WITH CSV HEADER"))
                    .isEqualTo("id,name,amount\n1,semi;colon,1.50\n2,,\n3,\"say \"\"hi\"\"\nthere\",\n");
            assertThat(out(c, "COPY (SELECT id, id * 2 AS twice FROM copy_csv WHERE id < 3 ORDER BY id) TO STDOUT (FORMAT csv)"))
                    .isEqualTo("1,2\n2,4\n");
        }
    }

    @Test
    void badDataFailsWithPostgresCodesAndTheConnectionStaysUsable() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copy_bad (a int, b int)");
            assertThatThrownBy(() -> in(c, "COPY copy_bad FROM STDIN", "1\t2\n3\t4\nx\t5\n"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("22P02");
                        assertThat(e.getMessage()).contains("invalid input syntax for type integer: \"x\"")
                                .contains("COPY copy_bad, line 3, column a: \"x\"");
                    });
            assertThatThrownBy(() -> in(c, "COPY copy_bad FROM STDIN", "1\t2\t3\n"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("22P04");
                        assertThat(e.getMessage()).contains("extra data after last expected column").contains("line 1");
                    });
            assertThatThrownBy(() -> in(c, "COPY copy_bad FROM STDIN", "1\n"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22P04"));
            s.execute("CREATE TABLE copy_dup (id int PRIMARY KEY)");
            assertThatThrownBy(() -> in(c, "COPY copy_dup FROM STDIN", "1\n2\n3\n2\n4\n"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("23505");
                        assertThat(e.getMessage()).contains("Key (id)=(2)").contains("COPY copy_dup, line 4");
                    });
            assertThat(in(c, "COPY copy_bad FROM STDIN", "7\t8\n")).isEqualTo(1);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM copy_bad WHERE a = 7")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void aLargeLoadIsWrittenInBatches() throws Exception {
        StringBuilder data = new StringBuilder();
        for (int i = 1; i <= 30_000; i++) {
            data.append(i).append('\t').append("row-").append(i).append('\n');
        }
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copy_big (id int PRIMARY KEY, v text)");
            assertThat(in(c, "COPY copy_big FROM STDIN WITH (freeze on)", data.toString())).isEqualTo(30_000);
            try (ResultSet rs = s.executeQuery("SELECT count(*), max(v) FROM copy_big")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(30_000);
            }
        }
    }

    @Test
    void psqlBackslashCopyStreamsAFile() throws Exception {
        Path file = tmp.resolve("people.csv");
        Files.writeString(file, "id,name\n1,Ada\n2,Grace\n");
        Path back = tmp.resolve("back.csv");
        Psql.Result r = Psql.run(node, "CREATE TABLE copy_psql (id int PRIMARY KEY, name text)",
                "\\copy copy_psql FROM '" + file + "' WITH (FORMAT csv, HEADER)",
                "\\copy copy_psql TO '" + back + "' CSV",
                "SELECT name FROM copy_psql ORDER BY id");
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout()).contains("COPY 2").contains("Ada").contains("Grace");
        assertThat(Files.readString(back)).isEqualTo("1,Ada\n2,Grace\n");
    }
}
