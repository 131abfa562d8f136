package io.tessera.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumericBinaryTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Layouts as PostgreSQL's numeric_send produces them (the first three captured from pgjdbc in client-queries.md 4.4). */
    @ParameterizedTest
    @CsvSource({
        "12.50,      0002000000000002000c1388",
        "1.00,       0001000000000002" + "0001",
        "0.25,       0001ffff0000000209c4",
        "12345.678,  000300010000000300010929" + "1a7c",
        "0,          0000000000000000",
        "0.000,      0000000000000003",
        "-1.5,       00020000400000010001" + "1388",
        "10000,      0001000100000000" + "0001",
        "0.0001,     0001ffff000000040001",
        "0.00001,    0001fffe0000000503e8",
        "123456789012345678901234567890, 0008000700000000000c0d801ed204d2162e23340d801ed2"
    })
    void encodesLikePostgresql(String decimal, String hex) {
        byte[] bytes = NumericBinary.encode(new BigDecimal(decimal));
        assertThat(HEX.formatHex(bytes)).isEqualTo(hex.replace(" ", ""));
        assertThat(NumericBinary.decode(bytes)).isEqualTo(new BigDecimal(decimal));
    }

    @ParameterizedTest
    @CsvSource({"1E+5, 100000", "-3E+2, -300"})
    void negativeScaleBecomesAnInteger(String decimal, String plain) {
        assertThat(NumericBinary.decode(NumericBinary.encode(new BigDecimal(decimal)))).isEqualTo(new BigDecimal(plain));
    }

    @ParameterizedTest
    @CsvSource({
        "0000000000000000,           0",
        "0001000000000002" + "0001, 1.00",
        "00010000c0000000,           NaN",
        "00010000d0000000,           Infinity",
        "0001000000000000ffff,       bad digit",
        "0001000000000000,           short",
        "000100000000000000011388,   long",
        "00010000200000000001,       bad sign"
    })
    void decodesOrRejects(String hex, String expected) {
        byte[] bytes = HEX.parseHex(hex.replace(" ", ""));
        if (Character.isDigit(expected.charAt(0))) {
            assertThat(NumericBinary.decode(bytes)).isEqualTo(new BigDecimal(expected));
        } else {
            assertThatThrownBy(() -> NumericBinary.decode(bytes)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @CsvSource({"0001ffff0000000109c4"})
    void digitsBeyondDisplayScaleAreRejected(String hex) {
        // 0.25 with dscale 1 would need rounding: not a valid external numeric.
        assertThatThrownBy(() -> NumericBinary.decode(HEX.parseHex(hex))).isInstanceOf(IllegalArgumentException.class);
    }
}
