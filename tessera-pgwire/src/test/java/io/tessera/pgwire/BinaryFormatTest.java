package io.tessera.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import io.tessera.common.types.Jsonb;
import io.tessera.common.types.SqlType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BinaryFormatTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Value, type, and PostgreSQL's binary bytes (typsend) for it. */
    static Stream<Arguments> knownLayouts() {
        return Stream.of(
                Arguments.of(true, SqlType.BOOL, "01"),
                Arguments.of(false, SqlType.BOOL, "00"),
                Arguments.of((short) -2, SqlType.INT2, "fffe"),
                Arguments.of(1, SqlType.INT4, "00000001"),
                Arguments.of(1234567890123L, SqlType.INT8, "0000011f71fb04cb"),
                Arguments.of(4000000000L, SqlType.OID, "ee6b2800"),
                Arguments.of(1.5f, SqlType.FLOAT4, "3fc00000"),
                Arguments.of(1.5d, SqlType.FLOAT8, "3ff8000000000000"),
                Arguments.of(-2.25d, SqlType.FLOAT8, "c002000000000000"),
                Arguments.of(new BigDecimal("12.50"), SqlType.NUMERIC, "0002000000000002000c1388"),
                Arguments.of("héllo", SqlType.TEXT, "68c3a96c6c6f"),
                Arguments.of("ab ", SqlType.bpchar(3), "616220"),
                Arguments.of("v", SqlType.varchar(10), "76"),
                Arguments.of("pg_class", SqlType.NAME, "70675f636c617373"),
                Arguments.of(LocalDate.of(2024, 1, 2), SqlType.DATE, "0000223f"),
                Arguments.of(LocalDate.of(1999, 12, 31), SqlType.DATE, "ffffffff"),
                Arguments.of(LocalDate.of(2000, 1, 1), SqlType.DATE, "00000000"),
                // Captured from PostgreSQL in client-queries.md 4.4: 2026-11-29 06:55:42.943697+00.
                Arguments.of(Instant.parse("2026-11-29T06:55:42.943697Z"), SqlType.TIMESTAMPTZ, "000304638ceffdd1"),
                Arguments.of(LocalDateTime.of(2026, 11, 29, 6, 55, 42, 943_697_000), SqlType.TIMESTAMP, "000304638ceffdd1"),
                Arguments.of(Instant.parse("1999-12-31T23:59:59.999999Z"), SqlType.TIMESTAMPTZ, "ffffffffffffffff"),
                Arguments.of(new Jsonb("{\"a\": 1}"), SqlType.JSONB, "017b2261223a20317d"));
    }

    @ParameterizedTest
    @MethodSource("knownLayouts")
    void encodesAndDecodesPostgresqlLayouts(Object value, SqlType type, String hex) {
        byte[] bytes = BinaryFormat.encode(value, type);
        assertThat(HEX.formatHex(bytes)).isEqualTo(hex);
        assertThat(BinaryFormat.decode(bytes, type)).isEqualTo(value);
    }

    @Test
    void byteaIsRawBytes() {
        byte[] raw = {1, 2, 3, 0, (byte) 0xff};
        assertThat(BinaryFormat.encode(raw, SqlType.BYTEA)).containsExactly(raw);
        assertThat((byte[]) BinaryFormat.decode(raw, SqlType.BYTEA)).containsExactly(raw);
    }

    @Test
    void int4ArrayHasArraySendLayout() {
        List<Integer> value = Arrays.asList(1, null, 3);
        byte[] bytes = BinaryFormat.encode(value, SqlType.of(io.tessera.common.types.TypeKind.INT4_ARRAY));
        // ndim 1, has nulls, element oid 23, length 3, lower bound 1, then (len, value) per element.
        assertThat(HEX.formatHex(bytes)).isEqualTo("00000001" + "00000001" + "00000017" + "00000003" + "00000001"
                + "00000004" + "00000001" + "ffffffff" + "00000004" + "00000003");
        assertThat(BinaryFormat.decode(bytes, SqlType.of(io.tessera.common.types.TypeKind.INT4_ARRAY))).isEqualTo(value);
    }

    @Test
    void emptyTextArrayHasNoDimensions() {
        SqlType type = SqlType.of(io.tessera.common.types.TypeKind.TEXT_ARRAY);
        byte[] bytes = BinaryFormat.encode(List.of(), type);
        assertThat(HEX.formatHex(bytes)).isEqualTo("00000000" + "00000000" + "00000019");
        assertThat(BinaryFormat.decode(bytes, type)).isEqualTo(List.of());
        assertThat(BinaryFormat.decode(BinaryFormat.encode(List.of("a", "b c"), type), type)).isEqualTo(List.of("a", "b c"));
    }

    @Test
    void arrayOfWrongElementTypeIsRejected() {
        byte[] textArray = BinaryFormat.encode(List.of("a"), SqlType.of(io.tessera.common.types.TypeKind.TEXT_ARRAY));
        assertThatThrownBy(() -> BinaryFormat.decode(textArray, SqlType.of(io.tessera.common.types.TypeKind.INT4_ARRAY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("element type 25");
    }

    @Test
    void binaryJsonbIsCanonicalised() {
        byte[] bytes = HEX.parseHex("01" + HEX.formatHex("{ \"b\" : 1, \"a\": [1, 2] }".getBytes()));
        assertThat(BinaryFormat.decode(bytes, SqlType.JSONB)).isEqualTo(new Jsonb("{\"a\": [1, 2], \"b\": 1}"));
    }

    @Test
    void wrongLengthsAndVersionsAreBadBinaryParameters() {
        ZoneId utc = ZoneOffset.UTC;
        assertBad(HEX.parseHex("000001"), SqlType.INT4);
        assertBad(HEX.parseHex("0000000000000001"), SqlType.INT4);
        assertBad(HEX.parseHex("02"), SqlType.JSONB);
        assertBad(HEX.parseHex("7fffffffffffffff"), SqlType.TIMESTAMPTZ);
        assertBad(HEX.parseHex("c3"), SqlType.TEXT);
        assertThat(ValueCodec.decodeParameter(HEX.parseHex("00000007"), SqlType.INT4, ValueCodec.BINARY, utc, 1)).isEqualTo(7);
    }

    private static void assertBad(byte[] bytes, SqlType type) {
        assertThatThrownBy(() -> ValueCodec.decodeParameter(bytes, type, ValueCodec.BINARY, ZoneOffset.UTC, 2))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isIn("22P03", "22021");
                    assertThat(e.fatal()).isFalse();
                });
    }

    @Test
    void textFormatUsesSessionZoneForTimestamptz() {
        Instant t = Instant.parse("2024-01-02T03:04:05.123456Z");
        assertThat(new String(ValueCodec.encode(t, SqlType.TIMESTAMPTZ, ValueCodec.TEXT, ZoneOffset.UTC)))
                .isEqualTo("2024-01-02 03:04:05.123456+00");
        assertThat(new String(ValueCodec.encode(t, SqlType.TIMESTAMPTZ, ValueCodec.TEXT, ZoneId.of("Europe/Paris"))))
                .isEqualTo("2024-01-02 04:04:05.123456+01");
        assertThat(ValueCodec.encode(null, SqlType.TEXT, ValueCodec.TEXT, ZoneOffset.UTC)).isNull();
    }

    @Test
    void textParametersUseTextFormatParse() {
        ZoneId utc = ZoneOffset.UTC;
        assertThat(ValueCodec.decodeParameter("2024-01-02 +00".getBytes(), SqlType.DATE, ValueCodec.TEXT, utc, 1))
                .isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(ValueCodec.decodeParameter("TRUE".getBytes(), SqlType.BOOL, ValueCodec.TEXT, utc, 1)).isEqualTo(true);
        assertThat(ValueCodec.decodeParameter("anything".getBytes(), SqlType.UNKNOWN, ValueCodec.TEXT, utc, 1)).isEqualTo("anything");
        assertThatThrownBy(() -> ValueCodec.decodeParameter("abc".getBytes(), SqlType.INT4, ValueCodec.TEXT, utc, 1))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("22P02"));
    }
}
