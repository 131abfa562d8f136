package io.tessera.cli.slt;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the records of one script in order against one {@link SqlExecutor}. A failing record is
 * counted and reported, never fatal: the file goes on to its next record, as the reference
 * harness does, so that one unsupported statement does not hide the rest of the file.
 */
final class SltRunner {
    private final String engine;
    private final Consumer<Failure> failures;

    /** {@code engine} is the name {@code skipif}/{@code onlyif} compare with, e.g. {@code postgresql}. */
    SltRunner(String engine, Consumer<Failure> failures) {
        this.engine = engine;
        this.failures = failures;
    }

    Tally run(String file, List<SltRecord> records, SqlExecutor executor) {
        Tally tally = Tally.ZERO;
        int hashThreshold = ResultCheck.DEFAULT_HASH_THRESHOLD;
        for (SltRecord record : records) {
            if (!Condition.allAllow(record.conditions(), engine)) {
                boolean counts = record instanceof SltRecord.Statement || record instanceof SltRecord.Query;
                tally = counts ? tally.skippedRecord() : tally;
                continue;
            }
            switch (record) {
                case SltRecord.HashThreshold h -> hashThreshold = h.threshold();
                case SltRecord.Halt h -> {
                    return tally;
                }
                case SltRecord.Malformed m -> {
                    failures.accept(Failure.of(file, m.line(), "unreadable record: " + m.message(), ""));
                    tally = tally.malformedRecord();
                }
                case SltRecord.Statement s -> tally = tally.statement(runStatement(file, s, executor));
                case SltRecord.Query q -> tally = tally.query(runQuery(file, q, hashThreshold, executor));
            }
        }
        return tally;
    }

    private boolean runStatement(String file, SltRecord.Statement statement, SqlExecutor executor) {
        String error = null;
        try {
            executor.execute(statement.sql());
        } catch (SQLException e) {
            error = describe(e);
        }
        if (statement.expectOk() && error != null) {
            failures.accept(Failure.of(file, statement.line(), "statement failed: " + error, statement.sql()));
            return false;
        }
        if (!statement.expectOk() && error == null) {
            failures.accept(Failure.of(file, statement.line(), "statement succeeded but an error was expected", statement.sql()));
            return false;
        }
        return true;
    }

    private boolean runQuery(String file, SltRecord.Query query, int hashThreshold, SqlExecutor executor) {
        QueryOutput output;
        try {
            output = executor.query(query.sql(), query.types());
        } catch (SQLException e) {
            failures.accept(Failure.of(file, query.line(), "query failed: " + describe(e), query.sql()));
            return false;
        }
        if (output.columnCount() != query.types().length()) {
            failures.accept(Failure.of(file, query.line(), "expected " + query.types().length()
                    + " columns (" + query.types() + "), got " + output.columnCount(), query.sql()));
            return false;
        }
        ResultCheck.Verdict verdict = ResultCheck.check(output.rows(), query.sortMode(), hashThreshold, query.expected());
        if (!verdict.matches()) {
            List<String> expected = switch (query.expected()) {
                case Expected.Values v -> v.values();
                case Expected.Hash h -> List.of(h.count() + " values hashing to " + h.md5());
            };
            failures.accept(new Failure(file, query.line(), "result differs", query.sql(), expected, verdict.actualLines()));
        }
        return verdict.matches();
    }

    /** The server's message with its SQLSTATE, the part a reader needs to see why. */
    static String describe(SQLException e) {
        String state = e.getSQLState();
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return state == null ? message : message + " [" + state + "]";
    }
}
