package io.tessera.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class NumericBinaryProperties {

    @Property(tries = 2000)
    void roundTripKeepsValueAndScale(@ForAll BigInteger unscaled, @ForAll @IntRange(min = 0, max = 40) int scale) {
        BigDecimal value = new BigDecimal(unscaled, scale);
        BigDecimal back = NumericBinary.decode(NumericBinary.encode(value));
        assertThat(back).isEqualTo(value);
        assertThat(back.scale()).isEqualTo(scale);
    }

    @Property(tries = 1000)
    void encodingHasNoLeadingOrTrailingZeroDigits(@ForAll BigInteger unscaled, @ForAll @IntRange(min = 0, max = 20) int scale) {
        byte[] b = NumericBinary.encode(new BigDecimal(unscaled, scale));
        int ndigits = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        assertThat(b.length).isEqualTo(8 + 2 * ndigits);
        if (ndigits > 0) {
            int first = ((b[8] & 0xFF) << 8) | (b[9] & 0xFF);
            int last = ((b[b.length - 2] & 0xFF) << 8) | (b[b.length - 1] & 0xFF);
            assertThat(first).isNotZero();
            assertThat(last).isNotZero();
        } else {
            assertThat(unscaled.signum()).isZero();
        }
    }
}
