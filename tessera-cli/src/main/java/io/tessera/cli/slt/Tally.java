package io.tessera.cli.slt;

/**
 * Counts of one file or of a whole run. A record that could not be parsed is a failure, so that
 * a broken script never passes silently; {@code halt} and {@code hash-threshold} count nowhere.
 */
record Tally(int statementsOk, int statementsFailed, int queriesOk, int queriesFailed, int malformed, int skipped) {
    static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0);

    Tally {
        if (statementsOk < 0 || statementsFailed < 0 || queriesOk < 0 || queriesFailed < 0 || malformed < 0 || skipped < 0) {
            throw new IllegalArgumentException("negative count in " + this);
        }
    }

    int passed() {
        return statementsOk + queriesOk;
    }

    int failed() {
        return statementsFailed + queriesFailed + malformed;
    }

    Tally statement(boolean ok) {
        return ok ? new Tally(statementsOk + 1, statementsFailed, queriesOk, queriesFailed, malformed, skipped)
                : new Tally(statementsOk, statementsFailed + 1, queriesOk, queriesFailed, malformed, skipped);
    }

    Tally query(boolean ok) {
        return ok ? new Tally(statementsOk, statementsFailed, queriesOk + 1, queriesFailed, malformed, skipped)
                : new Tally(statementsOk, statementsFailed, queriesOk, queriesFailed + 1, malformed, skipped);
    }

    Tally malformedRecord() {
        return new Tally(statementsOk, statementsFailed, queriesOk, queriesFailed, malformed + 1, skipped);
    }

    Tally skippedRecord() {
        return new Tally(statementsOk, statementsFailed, queriesOk, queriesFailed, malformed, skipped + 1);
    }

    Tally plus(Tally other) {
        return new Tally(statementsOk + other.statementsOk, statementsFailed + other.statementsFailed,
                queriesOk + other.queriesOk, queriesFailed + other.queriesFailed,
                malformed + other.malformed, skipped + other.skipped);
    }

    /** The summary line: {@code 123 passed, 4 failed}, then {@code , 5 skipped} when any were. */
    String summary() {
        String line = passed() + " passed, " + failed() + " failed";
        return skipped > 0 ? line + ", " + skipped + " skipped" : line;
    }

    /** The per-file breakdown, in the shape of the reference table in the corpus README. */
    String detail() {
        String text = "statements " + statementsOk + " ok / " + statementsFailed + " failed, queries "
                + queriesOk + " ok / " + queriesFailed + " failed, " + skipped + " skipped";
        return malformed > 0 ? text + ", " + malformed + " unreadable records" : text;
    }
}
