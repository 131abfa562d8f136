package io.tessera.common.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outputs checked against what PostgreSQL 15 prints for the same values. */
class TextFormatTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void floatsPrintLikePostgres() {
        assertThat(TextFormat.formatFloat8(1.5)).isEqualTo("1.5");
        assertThat(TextFormat.formatFloat8(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(TextFormat.formatFloat8(1e15)).isEqualTo("1e+15");
        assertThat(TextFormat.formatFloat8(123456789012345.0)).isEqualTo("123456789012345");
        assertThat(TextFormat.formatFloat8(0.0001)).isEqualTo("0.0001");
        assertThat(TextFormat.formatFloat8(0.00001)).isEqualTo("1e-05");
        assertThat(TextFormat.formatFloat8(-2.5e-300)).isEqualTo("-2.5e-300");
        assertThat(TextFormat.formatFloat8(Double.NaN)).isEqualTo("NaN");
        assertThat(TextFormat.formatFloat8(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(TextFormat.formatFloat8(100.0)).isEqualTo("100");
        assertThat(TextFormat.formatFloat4(1.1f)).isEqualTo("1.1");
        assertThat(TextFormat.formatFloat4(1e6f)).isEqualTo("1e+06");
    }

    @Test
    void timestampsPrintLikePostgres() {
        LocalDateTime t = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000);
        assertThat(TextFormat.format(t, SqlType.TIMESTAMP, UTC)).isEqualTo("2024-01-02 03:04:05.12");
        Instant i = t.toInstant(ZoneOffset.UTC);
        assertThat(TextFormat.format(i, SqlType.TIMESTAMPTZ, UTC)).isEqualTo("2024-01-02 03:04:05.12+00");
        assertThat(TextFormat.format(i, SqlType.TIMESTAMPTZ, ZoneId.of("Asia/Kolkata")))
                .isEqualTo("2024-01-02 08:34:05.12+05:30");
        assertThat(TextFormat.format(LocalDate.of(2024, 2, 29), SqlType.DATE, UTC)).isEqualTo("2024-02-29");
    }

    @Test
    void timestampsParseWithAndWithoutOffsets() {
        assertThat(TextFormat.parse("2024-01-02 03:04:05+02", SqlType.TIMESTAMPTZ, UTC))
                .isEqualTo(Instant.parse("2024-01-02T01:04:05Z"));
        assertThat(TextFormat.parse("2024-01-02 03:04:05.5-0130", SqlType.TIMESTAMPTZ, UTC))
                .isEqualTo(Instant.parse("2024-01-02T04:34:05.5Z"));
        assertThat(TextFormat.parse("2024-01-02T03:04:05", SqlType.TIMESTAMP, UTC))
                .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertThat(TextFormat.parse("2024-01-02", SqlType.TIMESTAMPTZ, ZoneId.of("Europe/Paris")))
                .isEqualTo(Instant.parse("2024-01-01T23:00:00Z"));
        assertThatThrownBy(() -> TextFormat.parse("2024-02-30", SqlType.DATE, UTC))
                .isInstanceOf(SqlException.class).extracting("sqlState").isEqualTo("22008");
        assertThatThrownBy(() -> TextFormat.parse("yesterday-ish", SqlType.DATE, UTC))
                .isInstanceOf(SqlException.class).extracting("sqlState").isEqualTo("22007");
    }

    @Test
    void integersCheckSyntaxAndRange() {
        assertThat(TextFormat.parse(" 42 ", SqlType.INT4, UTC)).isEqualTo(42);
        assertThatThrownBy(() -> TextFormat.parse("abc", SqlType.INT4, UTC))
                .isInstanceOf(SqlException.class)
                .hasMessage("invalid input syntax for type integer: \"abc\"")
                .extracting("sqlState").isEqualTo("22P02");
        assertThatThrownBy(() -> TextFormat.parse("40000", SqlType.INT2, UTC))
                .isInstanceOf(SqlException.class).extracting("sqlState").isEqualTo("22003");
    }

    @Test
    void otherTypesRoundTrip() {
        assertThat(TextFormat.format(new byte[] {0, (byte) 0xAB}, SqlType.BYTEA, UTC)).isEqualTo("\\x00ab");
        assertThat((byte[]) TextFormat.parse("\\x00ab", SqlType.BYTEA, UTC)).containsExactly(0, 0xAB);
        assertThat(TextFormat.parse("12.50", SqlType.NUMERIC, UTC)).isEqualTo(new BigDecimal("12.50"));
        assertThat(TextFormat.parse("on", SqlType.BOOL, UTC)).isEqualTo(true);
        assertThat(TextFormat.format(List.of("a", "b c", "NULL"), SqlType.of(TypeKind.TEXT_ARRAY), UTC))
                .isEqualTo("{a,\"b c\",\"NULL\"}");
        assertThat(TextFormat.parse("{1,2,NULL}", SqlType.of(TypeKind.INT2_ARRAY), UTC))
                .isEqualTo(java.util.Arrays.asList((short) 1, (short) 2, null));
    }

    @Test
    void jsonbIsCanonicalised() {
        assertThat(TextFormat.parse("{\"bb\":1, \"a\":[1,2.50,\"x\"], \"a\": true}", SqlType.JSONB, UTC))
                .isEqualTo(new Jsonb("{\"a\": true, \"bb\": 1}"));
        assertThat(JsonbText.parse("[1, {\"k\": null}]").text()).isEqualTo("[1, {\"k\": null}]");
        assertThatThrownBy(() -> JsonbText.parse("{bad"))
                .isInstanceOf(SqlException.class).extracting("sqlState").isEqualTo("22P02");
    }
}
