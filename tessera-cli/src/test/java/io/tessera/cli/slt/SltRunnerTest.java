package io.tessera.cli.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SltRunnerTest {
    private final List<Failure> failures = new ArrayList<>();
    private final SltRunner runner = new SltRunner("postgresql", failures::add);

    private Tally run(String script, FakeDatabase db) {
        return runner.run("f.test", SltParser.parse(script), db);
    }

    @Test
    void failingRecordsAreCountedAndTheFileGoesOn() {
        FakeDatabase db = new FakeDatabase()
                .fails("CREATE TRIGGER x", "42601")
                .returns("SELECT a FROM t1", List.of(List.of("2"), List.of("1")));

        Tally tally = run("""
                statement ok
                CREATE TRIGGER x

                statement error
                DELETE FROM view1

                query I rowsort
                SELECT a FROM t1
                ----
                1
                2
                """, db);

        assertThat(tally).isEqualTo(new Tally(0, 2, 1, 0, 0, 0));
        assertThat(db.sent).containsExactly("CREATE TRIGGER x", "DELETE FROM view1", "SELECT a FROM t1");
        assertThat(failures).extracting(Failure::line).containsExactly(1, 4);
        assertThat(failures.get(0).reason()).isEqualTo("statement failed: ERROR: refused CREATE TRIGGER x [42601]");
        assertThat(failures.get(1).reason()).isEqualTo("statement succeeded but an error was expected");
    }

    @Test
    void statementErrorPassesWhenTheServerRefuses() {
        Tally tally = run("statement error\nINSERT INTO view1 VALUES(1)\n",
                new FakeDatabase().fails("INSERT INTO view1 VALUES(1)", "42809"));

        assertThat(tally).isEqualTo(new Tally(1, 0, 0, 0, 0, 0));
        assertThat(failures).isEmpty();
    }

    @Test
    void skippedRecordsAreNotSentAndHaltStopsTheFile() {
        FakeDatabase db = new FakeDatabase();

        Tally tally = run("""
                skipif postgresql
                statement ok
                SELECT skipped

                onlyif mssql
                halt

                onlyif postgresql
                statement ok
                SELECT ours

                skipif sqlite
                halt

                statement ok
                SELECT never
                """, db);

        assertThat(db.sent).containsExactly("SELECT ours");
        assertThat(tally).isEqualTo(new Tally(1, 0, 0, 0, 0, 1));
        assertThat(tally.summary()).isEqualTo("1 passed, 0 failed, 1 skipped");
    }

    @Test
    void differingResultReportsExpectedAndActual() {
        FakeDatabase db = new FakeDatabase().returns("SELECT x FROM t1", List.of(List.of("3")));

        Tally tally = run("query I nosort\nSELECT x FROM t1\n----\n0\n", db);

        assertThat(tally.queriesFailed()).isEqualTo(1);
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("f.test");
            assertThat(f.line()).isEqualTo(1);
            assertThat(f.sql()).isEqualTo("SELECT x FROM t1");
            assertThat(f.expected()).containsExactly("0");
            assertThat(f.actual()).containsExactly("3");
        });
    }

    @Test
    void hashThresholdRecordChangesHowTheActualIsShown() {
        List<List<String>> rows = List.of(List.of("1"), List.of("2"), List.of("3"));
        FakeDatabase db = new FakeDatabase().returns("SELECT a", rows);

        run("hash-threshold 2\n\nquery I nosort\nSELECT a\n----\n3 values hashing to 00000000000000000000000000000000\n", db);

        assertThat(failures).singleElement().satisfies(f ->
                assertThat(f.actual().get(0)).isEqualTo(ResultCheck.hashLine(List.of("1", "2", "3"))));
    }

    @Test
    void wrongColumnCountFailsTheQuery() {
        Tally tally = run("query II nosort\nSELECT a\n----\n1\n", new FakeDatabase().returnsColumns("SELECT a", 1));

        assertThat(tally.queriesFailed()).isEqualTo(1);
        assertThat(failures.get(0).reason()).isEqualTo("expected 2 columns (II), got 1");
    }

    @Test
    void serverErrorOnAQueryFailsItAndUnreadableRecordsCountAsFailures() {
        Tally tally = run("query I nosort\nSELECT nope\n----\n1\n\nstatement perhaps\nSELECT 1\n", new FakeDatabase());

        assertThat(tally).isEqualTo(new Tally(0, 0, 0, 1, 1, 0));
        assertThat(tally.failed()).isEqualTo(2);
        assertThat(failures.get(0).reason()).startsWith("query failed: ERROR: no scripted result");
        assertThat(failures.get(1).reason()).startsWith("unreadable record:");
        assertThat(failures.get(1).line()).isEqualTo(6);
    }
}
