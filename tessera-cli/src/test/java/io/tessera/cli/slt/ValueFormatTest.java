package io.tessera.cli.slt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ValueFormatTest {

    @Test
    void nullIsNullForEveryLetter() {
        assertThat(ValueFormat.format(null, 'I')).isEqualTo("NULL");
        assertThat(ValueFormat.format(null, 'R')).isEqualTo("NULL");
        assertThat(ValueFormat.format(null, 'T')).isEqualTo("NULL");
    }

    @Test
    void integerLetterPrintsIntegralValuesAndTruncatesFractionsTowardZero() {
        assertThat(ValueFormat.format(42, 'I')).isEqualTo("42");
        assertThat(ValueFormat.format(-9_000_000_000L, 'I')).isEqualTo("-9000000000");
        assertThat(ValueFormat.format((short) 7, 'I')).isEqualTo("7");
        assertThat(ValueFormat.format(new BigInteger("123456789012345678901"), 'I')).isEqualTo("123456789012345678901");
        assertThat(ValueFormat.format(new BigDecimal("1.9"), 'I')).isEqualTo("1");
        assertThat(ValueFormat.format(new BigDecimal("-1.9"), 'I')).isEqualTo("-1");
        assertThat(ValueFormat.format(new BigDecimal("-0.5"), 'I')).isEqualTo("0");
        assertThat(ValueFormat.format(new BigDecimal("1E+3"), 'I')).isEqualTo("1000");
        assertThat(ValueFormat.format(2.7d, 'I')).isEqualTo("2");
        assertThat(ValueFormat.format(-2.7f, 'I')).isEqualTo("-2");
        assertThat(ValueFormat.format(Double.NaN, 'I')).isEqualTo("0");
    }

    @Test
    void integerLetterOnBooleansAndText() {
        assertThat(ValueFormat.format(true, 'I')).isEqualTo("1");
        assertThat(ValueFormat.format(false, 'I')).isEqualTo("0");
        assertThat(ValueFormat.format("12abc", 'I')).isEqualTo("12");
        assertThat(ValueFormat.format("-3.75", 'I')).isEqualTo("-3");
        assertThat(ValueFormat.format("abc", 'I')).isEqualTo("0");
    }

    @Test
    void realLetterIsCPrintfThreeDecimalsOfTheExactBinaryValue() {
        assertThat(ValueFormat.format(1.5d, 'R')).isEqualTo("1.500");
        assertThat(ValueFormat.format(7, 'R')).isEqualTo("7.000");
        // 2.0005 is stored a little above, 1.0005 a little below the tie: C rounds them apart.
        assertThat(ValueFormat.format(2.0005d, 'R')).isEqualTo("2.001");
        assertThat(ValueFormat.format(1.0005d, 'R')).isEqualTo("1.000");
        // Exact ties round to even, as glibc does.
        assertThat(ValueFormat.format(0.0625d, 'R')).isEqualTo("0.062");
        assertThat(ValueFormat.format(0.1875d, 'R')).isEqualTo("0.188");
        assertThat(ValueFormat.format(-0.0001d, 'R')).isEqualTo("-0.000");
        assertThat(ValueFormat.format(-2.5d, 'R')).isEqualTo("-2.500");
        assertThat(ValueFormat.format(1e20, 'R')).isEqualTo("100000000000000000000.000");
        assertThat(ValueFormat.format(new BigDecimal("123456789.123456"), 'R')).isEqualTo("123456789.123");
        assertThat(ValueFormat.format("2.5", 'R')).isEqualTo("2.500");
        assertThat(ValueFormat.format(Double.NaN, 'R')).isEqualTo("nan");
        assertThat(ValueFormat.format(Double.NEGATIVE_INFINITY, 'R')).isEqualTo("-inf");
    }

    @Test
    void textLetterShowsEmptyAndReplacesNonPrintableBytes() {
        assertThat(ValueFormat.format("hello world", 'T')).isEqualTo("hello world");
        assertThat(ValueFormat.format("", 'T')).isEqualTo("(empty)");
        assertThat(ValueFormat.format("a\tb\nc", 'T')).isEqualTo("a@b@c");
        assertThat(ValueFormat.format("caf\u00e9", 'T')).isEqualTo("caf@@");
        assertThat(ValueFormat.format("~\u007f", 'T')).isEqualTo("~@");
    }

    @Test
    void numericPrefixOfText() {
        assertThat(ValueFormat.numericPrefix("+12.50xyz")).isEqualTo("+12.50");
        assertThat(ValueFormat.numericPrefix(".5")).isEqualTo(".5");
        assertThat(ValueFormat.numericPrefix("7.")).isEqualTo("7");
        assertThat(ValueFormat.numericPrefix("-")).isEmpty();
        assertThat(ValueFormat.numericPrefix("x1")).isEmpty();
    }

    @Test
    void unknownLetterIsRejected() {
        assertThatThrownBy(() -> ValueFormat.format(1, 'X')).isInstanceOf(IllegalArgumentException.class);
    }
}
