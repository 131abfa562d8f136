package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issue's own check: a new user's first psql session against a fresh node. */
class PsqlWalkthroughTest {
    @TempDir
    static Path tmp;
    static NodeProcess node;

    @BeforeAll
    static void startNode() throws Exception {
        node = NodeProcess.start(tmp);
    }

    @AfterAll
    static void stopNode() throws Exception {
        node.close();
    }

    @Test
    void createInsertSelectAndDescribe() throws Exception {
        Psql.Result r = Psql.run(node,
                "CREATE TABLE customers (id INT PRIMARY KEY, name TEXT NOT NULL, region TEXT)",
                "INSERT INTO customers VALUES (1,'Alice','US'),(2,'Bob','EU'),(3,'Chen','APAC')",
                "SELECT name FROM customers WHERE region = 'US'",
                "\\d customers",
                "\\dt");
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout())
                .contains("CREATE TABLE")
                .contains("INSERT 0 3")
                .containsPattern("(?s)name\\s*\\n-+\\n\\s*Alice\\s*\\n\\(1 row\\)")
                .contains("Table \"public.customers\"")
                .containsPattern("id\\s*\\|\\s*integer\\s*\\|\\s*\\|\\s*not null")
                .containsPattern("name\\s*\\|\\s*text\\s*\\|\\s*\\|\\s*not null")
                .containsPattern("region\\s*\\|\\s*text\\s*\\|")
                .contains("\"customers_pkey\" PRIMARY KEY, btree (id)")
                .containsPattern("public\\s*\\|\\s*customers\\s*\\|\\s*table\\s*\\|\\s*tessera");
    }

    @Test
    void listDatabasesAndRoles() throws Exception {
        Psql.Result r = Psql.run(node, "\\l", "\\du");
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout())
                .containsPattern("tessera\\s*\\|\\s*tessera\\s*\\|\\s*UTF8")
                .containsPattern("tessera\\s*\\|\\s*Superuser");
    }

    @Test
    void errorsAreReportedAndTheSessionGoesOn() throws Exception {
        Psql.Result r = Psql.run(node, "SELEC 1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout()).contains("ERROR:").contains("syntax error");
        Psql.Result ok = Psql.run(node, "SELECT 1 + 1 AS two");
        assertThat(ok.stdout()).containsPattern("two\\s*\\n-+\\n\\s*2");
    }
}
