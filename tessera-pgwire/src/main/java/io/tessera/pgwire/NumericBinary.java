package io.tessera.pgwire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's binary NUMERIC: int16 ndigits, int16 weight, int16 sign, int16 dscale, then
 * ndigits base-10000 digits, most significant first. The value is the sum of digit[i] *
 * 10000^(weight - i); dscale is the number of decimal digits after the point to display.
 * Example: 12.50 is {@code 0002 0000 0000 0002 000c 1388} (digits 12 and 5000, weight 0, dscale 2).
 */
final class NumericBinary {
    private NumericBinary() {}

    static final int POSITIVE = 0x0000;
    static final int NEGATIVE = 0x4000;
    static final int NAN = 0xC000;
    static final int PLUS_INFINITY = 0xD000;
    static final int MINUS_INFINITY = 0xF000;
    /** PostgreSQL's NUMERIC_DSCALE_MAX. */
    static final int MAX_DSCALE = 0x3FFF;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    static byte[] encode(BigDecimal value) {
        BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
        int dscale = v.scale();
        String plain = v.unscaledValue().abs().toString();
        // Split the decimal digits at the point, then pad each side to whole base-10000 groups.
        int intLength = Math.max(0, plain.length() - dscale);
        String intPart = plain.substring(0, intLength);
        String fracPart = "0".repeat(Math.max(0, dscale - plain.length())) + plain.substring(intLength);
        String paddedInt = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
        String paddedFrac = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
        List<Short> digits = new ArrayList<>();
        for (int i = 0; i < paddedInt.length(); i += 4) {
            digits.add(Short.parseShort(paddedInt.substring(i, i + 4)));
        }
        for (int i = 0; i < paddedFrac.length(); i += 4) {
            digits.add(Short.parseShort(paddedFrac.substring(i, i + 4)));
        }
        int weight = paddedInt.length() / 4 - 1;
        int first = 0;
        while (first < digits.size() && digits.get(first) == 0) {
            first++;
            weight--;
        }
        int last = digits.size();
        while (last > first && digits.get(last - 1) == 0) {
            last--;
        }
        List<Short> significant = digits.subList(first, last);
        if (significant.isEmpty()) {
            weight = 0;
        }
        ByteBuffer out = ByteBuffer.allocate(8 + 2 * significant.size());
        out.putShort((short) significant.size());
        out.putShort((short) weight);
        out.putShort((short) (v.signum() < 0 ? NEGATIVE : POSITIVE));
        out.putShort((short) dscale);
        for (short d : significant) {
            out.putShort(d);
        }
        return out.array();
    }

    static BigDecimal decode(byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("numeric needs 8 header bytes, got " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int ndigits = in.getShort() & 0xFFFF;
        int weight = in.getShort();
        int sign = in.getShort() & 0xFFFF;
        int dscale = in.getShort() & 0xFFFF;
        if (sign == NAN || sign == PLUS_INFINITY || sign == MINUS_INFINITY) {
            throw new IllegalArgumentException("numeric NaN and infinity are not supported");
        }
        if (sign != POSITIVE && sign != NEGATIVE) {
            throw new IllegalArgumentException("invalid sign in external \"numeric\" value");
        }
        if (dscale > MAX_DSCALE) {
            throw new IllegalArgumentException("invalid scale in external \"numeric\" value");
        }
        if (bytes.length != 8 + 2 * ndigits) {
            throw new IllegalArgumentException("numeric with " + ndigits + " digits has " + bytes.length + " bytes");
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            int d = in.getShort();
            if (d < 0 || d > 9999) {
                throw new IllegalArgumentException("invalid digit in external \"numeric\" value");
            }
            unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf(d));
        }
        // The last digit has weight (weight - ndigits + 1); each base-10000 step is 4 decimal places.
        BigDecimal magnitude = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        BigDecimal value = sign == NEGATIVE ? magnitude.negate() : magnitude;
        try {
            return value.setScale(dscale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("numeric digits beyond its display scale " + dscale, e);
        }
    }
}
