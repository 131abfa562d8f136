package io.tessera.cli.slt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void summaryNamesSkippedOnlyWhenThereAreAny() {
        assertThat(new Tally(100, 3, 23, 1, 0, 5).summary()).isEqualTo("123 passed, 4 failed, 5 skipped");
        assertThat(new Tally(31, 0, 1000, 0, 0, 0).summary()).isEqualTo("1031 passed, 0 failed");
    }

    @Test
    void countsAddUp() {
        Tally tally = Tally.ZERO.statement(true).statement(false).query(true).query(false).query(false)
                .malformedRecord().skippedRecord();

        assertThat(tally).isEqualTo(new Tally(1, 1, 1, 2, 1, 1));
        assertThat(tally.plus(tally)).isEqualTo(new Tally(2, 2, 2, 4, 2, 2));
        assertThat(tally.passed()).isEqualTo(2);
        assertThat(tally.failed()).isEqualTo(4);
        assertThat(tally.detail()).isEqualTo("statements 1 ok / 1 failed, queries 1 ok / 2 failed, 1 skipped, 1 unreadable records");
    }

    @Test
    void negativeCountsAreRejected() {
        assertThatThrownBy(() -> new Tally(-1, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exitCodeIsZeroWithoutFailuresOrWhenTheFloorIsMet() {
        Tally clean = new Tally(10, 0, 5, 0, 0, 2);
        Tally failing = new Tally(10, 1, 5, 0, 0, 0);

        assertThat(SltCommand.exitCode(clean, null)).isZero();
        assertThat(SltCommand.exitCode(failing, null)).isEqualTo(1);
        assertThat(SltCommand.exitCode(failing, 15)).isZero();
        assertThat(SltCommand.exitCode(failing, 16)).isEqualTo(1);
        assertThat(SltCommand.exitCode(clean, 16)).isEqualTo(1);
    }
}
