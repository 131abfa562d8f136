package io.tessera.cli.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultCheckTest {
    /** select1.test line 1092: {@code SELECT b, abs(b-c) ... ORDER BY 2,1}, the 6 rows PostgreSQL returns. */
    private static final List<List<String>> SELECT1_LINE_1092 = List.of(
            List.of("186", "1"), List.of("170", "2"), List.of("181", "3"),
            List.of("211", "3"), List.of("130", "4"), List.of("240", "4"));

    @Test
    void md5OfValuesEachFollowedByNewlineMatchesTheCorpus() {
        List<String> values = ResultCheck.sortedValues(SELECT1_LINE_1092, SortMode.NOSORT);

        assertThat(ResultCheck.md5(values)).isEqualTo("d33f553dec1000186e0827b36e03a5a0");
        assertThat(ResultCheck.check(SELECT1_LINE_1092, SortMode.NOSORT, 8,
                new Expected.Hash(12, "d33f553dec1000186e0827b36e03a5a0")).matches()).isTrue();
    }

    @Test
    void hashComparisonChecksCountAndOrder() {
        List<List<String>> swapped = List.of(SELECT1_LINE_1092.get(1), SELECT1_LINE_1092.get(0));
        assertThat(ResultCheck.check(swapped, SortMode.NOSORT, 8,
                new Expected.Hash(12, "d33f553dec1000186e0827b36e03a5a0")).matches()).isFalse();
        assertThat(ResultCheck.check(SELECT1_LINE_1092, SortMode.NOSORT, 8,
                new Expected.Hash(13, "d33f553dec1000186e0827b36e03a5a0")).matches()).isFalse();
    }

    @Test
    void rowsortComparesRenderedTextColumnByColumnLikeStrcmp() {
        List<List<String>> rows = List.of(List.of("9", "b"), List.of("10", "z"), List.of("9", "a"), List.of("NULL", "x"));

        assertThat(ResultCheck.sortedValues(rows, SortMode.ROWSORT))
                .containsExactly("10", "z", "9", "a", "9", "b", "NULL", "x");
    }

    @Test
    void valuesortSortsEveryValueOnItsOwn() {
        List<List<String>> rows = List.of(List.of("3", "1"), List.of("20", "2"));

        assertThat(ResultCheck.sortedValues(rows, SortMode.VALUESORT)).containsExactly("1", "2", "20", "3");
    }

    @Test
    void nosortKeepsServerOrder() {
        List<List<String>> rows = List.of(List.of("3", "1"), List.of("20", "2"));

        assertThat(ResultCheck.sortedValues(rows, SortMode.NOSORT)).containsExactly("3", "1", "20", "2");
    }

    @Test
    void valuesAreComparedAfterSorting() {
        List<List<String>> rows = List.of(List.of("2"), List.of("1"));

        assertThat(ResultCheck.check(rows, SortMode.ROWSORT, 8, new Expected.Values(List.of("1", "2"))).matches()).isTrue();
        assertThat(ResultCheck.check(rows, SortMode.NOSORT, 8, new Expected.Values(List.of("1", "2"))).matches()).isFalse();
        assertThat(ResultCheck.check(List.of(), SortMode.NOSORT, 8, new Expected.Values(List.of())).matches()).isTrue();
    }

    @Test
    void actualIsShownHashedOnlyPastTheThreshold() {
        List<String> values = ResultCheck.sortedValues(SELECT1_LINE_1092, SortMode.NOSORT);

        assertThat(ResultCheck.display(values, 12)).isEqualTo(values);
        assertThat(ResultCheck.display(values, 0)).isEqualTo(values);
        assertThat(ResultCheck.display(values, 11)).first().isEqualTo("12 values hashing to d33f553dec1000186e0827b36e03a5a0");
        assertThat(ResultCheck.display(values, 11)).hasSize(13);
    }
}
