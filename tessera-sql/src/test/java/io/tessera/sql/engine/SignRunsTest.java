package io.tessera.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignRunsTest {
    @Test
    void unaryRunsBecomeTheirNetSign() {
        assertThat(rewritten("SELECT - - 29")).isEqualTo("SELECT 29");
        assertThat(rewritten("SELECT ALL + - col1 FROM t")).isEqualTo("SELECT ALL - col1 FROM t");
        assertThat(rewritten("SELECT 29 / - - col0")).isEqualTo("SELECT 29 / col0");
        assertThat(rewritten("SELECT ( + + col1 ), - + - 3")).isEqualTo("SELECT ( col1 ), 3");
    }

    @Test
    void aBinarySignStaysAndTheRunAfterItCollapses() {
        assertThat(rewritten("SELECT col0 - - - 29")).isEqualTo("SELECT col0 - 29");
        assertThat(rewritten("SELECT a * - - b")).isEqualTo("SELECT a * b");
        assertThat(rewritten("SELECT (a) + - + - 1")).isEqualTo("SELECT (a) + 1");
        assertThat(rewritten("SELECT x - -1, a - + b")).isEqualTo("SELECT x - -1, a - + b");
    }

    @Test
    void quotesCommentsAndOtherOperatorsAreLeftAlone() {
        assertThat(rewritten("SELECT '- -', \"+ +\" -- - - 1\n")).isEqualTo("SELECT '- -', \"+ +\" -- - - 1\n");
        assertThat(rewritten("SELECT doc #- '{a}', doc -> 'b', x - 1")).isEqualTo("SELECT doc #- '{a}', doc -> 'b', x - 1");
        assertThat(rewritten("SELECT 1--1")).isEqualTo("SELECT 1--1");
    }


    /** The rewrite with runs of spaces shown as one: the replaced signs leave spaces behind. */
    private static String rewritten(String sql) {
        return SignRuns.rewrite(sql).replaceAll(" +", " ");
    }
}
