package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * JSONB as a document store through pgjdbc against a real node: documents written with bound
 * parameters, queried by extracted values, containment and key existence, unnested with
 * jsonb_array_elements and joined back to the table (friends of friends), aggregated into new
 * documents and edited with jsonb_set. Expected values are what PostgreSQL 15 answers.
 */
class JsonbDocumentTest {
    static NodeProcess node;

    @BeforeAll
    static void setUp() throws Exception {
        node = SharedNode.get();
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS jd_users");
            s.execute("CREATE TABLE jd_users (id INT PRIMARY KEY, doc JSONB)");
        }
        String[] docs = {
            "{\"name\": \"ann\", \"email\": \"ann@x.org\", \"tags\": [\"sql\", \"go\"], \"friends\": [2, 3]}",
            "{\"name\": \"bob\", \"email\": \"bob@x.org\", \"tags\": [\"java\"], \"friends\": [1, 4, 5]}",
            "{\"name\": \"cy\", \"tags\": [], \"friends\": [5]}",
            "{\"name\": \"dee\", \"tags\": [\"sql\"], \"friends\": []}",
            "{\"name\": \"eve\", \"tags\": [\"go\", \"sql\"], \"friends\": [6]}",
            "{\"name\": \"fay\", \"friends\": []}",
        };
        try (Connection c = node.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO jd_users VALUES (?, ?::jsonb)")) {
            for (int i = 0; i < docs.length; i++) {
                ps.setInt(1, i + 1);
                ps.setString(2, docs[i]);
                ps.executeUpdate();
            }
        }
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        try (rs) {
            return JdbcRows.collect(rs);
        }
    }

    @Test
    void documentsAreFoundByExtractedValueContainmentAndKey() throws Exception {
        try (Connection c = node.connect()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, doc ->> 'name' FROM jd_users WHERE doc ->> 'email' = ?")) {
                ps.setString(1, "bob@x.org");
                assertThat(rows(ps.executeQuery())).containsExactly("2|bob");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT doc ->> 'name' FROM jd_users WHERE doc @> ?::jsonb ORDER BY id")) {
                ps.setString(1, "{\"tags\": [\"sql\"]}");
                assertThat(rows(ps.executeQuery())).containsExactly("ann", "dee", "eve");
            }
            // pgjdbc reads ?? as the ? operator
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM jd_users WHERE doc ?? 'email' AND doc #>> '{tags,0}' = ?")) {
                ps.setString(1, "java");
                assertThat(rows(ps.executeQuery())).containsExactly("1");
            }
            try (Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT doc FROM jd_users WHERE id = 1");
                assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("jsonb");
                assertThat(rows(rs)).containsExactly("{\"name\": \"ann\", \"tags\": [\"sql\", \"go\"], \"email\": \"ann@x.org\", \"friends\": [2, 3]}");
            }
        }
    }

    @Test
    void friendsOfFriendsJoinTheUnnestedFriendIdsBackToTheTable() throws Exception {
        String sql = """
                SELECT fof.doc ->> 'name' AS name, count(*) AS paths
                FROM jd_users u
                CROSS JOIN jsonb_array_elements_text(u.doc -> 'friends') AS f(fid)
                JOIN jd_users fr ON fr.id = f.fid::int
                CROSS JOIN jsonb_array_elements_text(fr.doc -> 'friends') AS ff(fid)
                JOIN jd_users fof ON fof.id = ff.fid::int
                WHERE u.doc ->> 'email' = ? AND fof.id <> u.id AND NOT u.doc -> 'friends' @> to_jsonb(fof.id)
                GROUP BY fof.doc ->> 'name' ORDER BY name""";
        try (Connection c = node.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, "ann@x.org");
            assertThat(rows(ps.executeQuery())).containsExactly("dee|1", "eve|2");
        }
    }

    @Test
    void documentsAreBuiltAggregatedAndEdited() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            assertThat(rows(s.executeQuery("""
                    SELECT jsonb_build_object('user', u.doc ->> 'name', 'friends', jsonb_agg(fr.doc ->> 'name'))
                    FROM jd_users u, jsonb_array_elements(u.doc -> 'friends') f JOIN jd_users fr ON fr.id = f.value::text::int
                    WHERE u.id = 2 GROUP BY u.doc ->> 'name'""")))
                    .containsExactly("{\"user\": \"bob\", \"friends\": [\"ann\", \"dee\", \"eve\"]}");
            assertThat(rows(s.executeQuery(
                    "SELECT t, count(*) FROM jd_users, jsonb_array_elements_text(jd_users.doc -> 'tags') t GROUP BY t ORDER BY t")))
                    .containsExactly("go|2", "java|1", "sql|3");
            assertThat(s.executeUpdate("UPDATE jd_users SET doc = jsonb_set(doc, '{friends}', (doc -> 'friends') || '[6]') WHERE id = 4"))
                    .isEqualTo(1);
            assertThat(rows(s.executeQuery("SELECT doc FROM jd_users WHERE id = 4")))
                    .containsExactly("{\"name\": \"dee\", \"tags\": [\"sql\"], \"friends\": [6]}");
        }
    }

    @Test
    void wrongKindsOfDocumentFailWithPostgresStates() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            PSQLException elements = catchThrowableOfType(PSQLException.class,
                    () -> s.executeQuery("SELECT * FROM jsonb_array_elements((SELECT doc FROM jd_users WHERE id = 1))"));
            assertThat(elements.getSQLState()).isEqualTo("22023");
            assertThat(elements.getServerErrorMessage().getMessage()).isEqualTo("cannot extract elements from an object");
            PSQLException syntax = catchThrowableOfType(PSQLException.class,
                    () -> s.executeUpdate("INSERT INTO jd_users VALUES (99, '{\"name\": ')"));
            assertThat(syntax.getSQLState()).isEqualTo("22P02");
            PSQLException operator = catchThrowableOfType(PSQLException.class, () -> s.executeQuery("SELECT id #> '{a}' FROM jd_users"));
            assertThat(operator.getSQLState()).isEqualTo("42883");
        }
    }
}
