package io.tessera.cli.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SltParserTest {

    @Test
    void statementsOkAndErrorWithMultiLineSql() {
        List<SltRecord> records = SltParser.parse("""
                statement ok
                CREATE TABLE t1(a INTEGER,
                  b INTEGER)

                statement error
                DELETE FROM view1 WHERE x>0
                """);

        assertThat(records).containsExactly(
                new SltRecord.Statement(1, List.of(), true, "CREATE TABLE t1(a INTEGER,\n  b INTEGER)"),
                new SltRecord.Statement(5, List.of(), false, "DELETE FROM view1 WHERE x>0"));
    }

    @Test
    void queryWithTypesSortModeLabelAndValues() {
        List<SltRecord> records = SltParser.parse("""
                query IT rowsort label-x
                SELECT a, b
                  FROM t1
                ----
                1
                one
                2
                (empty)
                """);

        assertThat(records).containsExactly(new SltRecord.Query(1, List.of(), "IT", SortMode.ROWSORT, "label-x",
                "SELECT a, b\n  FROM t1", new Expected.Values(List.of("1", "one", "2", "(empty)"))));
    }

    @Test
    void queryDefaultsToNosortAndWithoutSeparatorExpectsNoRows() {
        SltRecord record = SltParser.parse("query I\nSELECT 1 WHERE false\n").get(0);

        assertThat(record).isEqualTo(new SltRecord.Query(1, List.of(), "I", SortMode.NOSORT, "",
                "SELECT 1 WHERE false", new Expected.Values(List.of())));
    }

    @Test
    void hashLineBecomesHashExpectation() {
        SltRecord.Query query = (SltRecord.Query) SltParser.parse("""
                query II valuesort
                SELECT a, b FROM t1
                ----
                60 values hashing to c1e3a4310060dcd710dc9c750c881699
                """).get(0);

        assertThat(query.sortMode()).isEqualTo(SortMode.VALUESORT);
        assertThat(query.expected()).isEqualTo(new Expected.Hash(60, "c1e3a4310060dcd710dc9c750c881699"));
    }

    @Test
    void conditionsHaltAndHashThreshold() {
        List<SltRecord> records = SltParser.parse("""
                hash-threshold 8

                skipif sqlite
                halt

                onlyif mssql  # this is allowed
                skipif postgresql # PostgreSQL requires AS
                statement ok
                DELETE FROM view1
                """);

        assertThat(records).containsExactly(
                new SltRecord.HashThreshold(1, 8),
                new SltRecord.Halt(4, List.of(new Condition(Condition.Kind.SKIPIF, "sqlite"))),
                new SltRecord.Statement(8, List.of(new Condition(Condition.Kind.ONLYIF, "mssql"),
                        new Condition(Condition.Kind.SKIPIF, "postgresql")), true, "DELETE FROM view1"));
    }

    @Test
    void commentsAreSkippedAndDoNotSeparateRecords() {
        List<SltRecord> records = SltParser.parse("""
                # EVIDENCE-OF: R-1 a comment before the record

                # another one
                statement ok
                # inside the record
                INSERT INTO t1 VALUES(1)
                """);

        assertThat(records).containsExactly(new SltRecord.Statement(4, List.of(), true, "INSERT INTO t1 VALUES(1)"));
    }

    @Test
    void crlfLineEndingsAreNotPartOfSqlOrValues() {
        List<SltRecord> records = SltParser.parse("query T nosort\r\nSELECT 'a'\r\n----\r\na\r\n\r\nstatement ok\r\nSELECT 1\r\n");

        assertThat(records).containsExactly(
                new SltRecord.Query(1, List.of(), "T", SortMode.NOSORT, "", "SELECT 'a'", new Expected.Values(List.of("a"))),
                new SltRecord.Statement(6, List.of(), true, "SELECT 1"));
    }

    @Test
    void unreadableRecordsAreReportedAndParsingResumes() {
        List<SltRecord> records = SltParser.parse("""
                statement maybe
                SELECT 1

                query IX
                SELECT 1

                query I sideways
                SELECT 1

                hash-threshold lots

                frobnicate

                statement ok
                SELECT 2
                """);

        assertThat(records).hasSize(6);
        assertThat(records.subList(0, 5)).allMatch(r -> r instanceof SltRecord.Malformed);
        assertThat(records.stream().map(SltRecord::line)).containsExactly(1, 4, 7, 10, 12, 14);
        assertThat(records.get(5)).isEqualTo(new SltRecord.Statement(14, List.of(), true, "SELECT 2"));
    }

    @Test
    void conditionWithoutRecordIsMalformed() {
        assertThat(SltParser.parse("skipif mysql\n\nstatement ok\nSELECT 1\n"))
                .first().isInstanceOf(SltRecord.Malformed.class);
    }
}
