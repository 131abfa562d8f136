package io.tessera.common.encoding;

import io.tessera.common.types.Jsonb;
import io.tessera.common.types.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Order-preserving encoding of key values: for two values a, b of one type,
 * {@code compareUnsigned(encode(a), encode(b))} has the sign of SQL's {@code a <=> b}, with NULL
 * after every value (PostgreSQL's default NULLS LAST for ascending order). A composite key is the
 * concatenation of its columns' encodings; every encoding is self-delimiting, so no key of a table
 * is a prefix of another key of the same table and a version suffix can follow the key.
 *
 * <p>Layout of one value: a tag byte ({@link #TAG_VALUE} or {@link #TAG_NULL}), then
 * <ul>
 *   <li>integers, dates, timestamps: 8 bytes big-endian with the sign bit flipped;</li>
 *   <li>floats: IEEE-754 bits, sign bit flipped for positives, all bits flipped for negatives;
 *       -0.0 is stored as 0.0 and every NaN as the one NaN, which sorts above +Infinity as in PostgreSQL;</li>
 *   <li>numeric: a sign class (negative, zero, positive), then for non-zero values the decimal
 *       exponent and the significant digits, each digit d as d+1 and a 0 terminator, all bytes
 *       complemented for negatives (so a larger magnitude sorts lower);</li>
 *   <li>text and bytea: the bytes with 0x00 escaped as 0x00 0xFF, ended by 0x00 0x01 (text is
 *       UTF-8, whose byte order is code-point order: PostgreSQL's C collation).</li>
 * </ul>
 * Rejected alternative: a length prefix for strings, which breaks ordering ("b" &lt; "aa").
 */
public final class KeyCodec {
    private KeyCodec() {}

    public static final int TAG_VALUE = 0x02;
    public static final int TAG_NULL = 0x05;

    private static final int NUMERIC_NEGATIVE = 0x01;
    private static final int NUMERIC_ZERO = 0x02;
    private static final int NUMERIC_POSITIVE = 0x03;

    public static byte[] encode(List<?> values, List<TypeKind> kinds) {
        ByteWriter w = new ByteWriter();
        for (int i = 0; i < values.size(); i++) {
            encodeValue(w, values.get(i), kinds.get(i));
        }
        return w.toByteArray();
    }

    public static void encodeValue(ByteWriter w, Object value, TypeKind kind) {
        if (value == null) {
            w.put(TAG_NULL);
            return;
        }
        w.put(TAG_VALUE);
        switch (kind) {
            case BOOL -> w.put(((Boolean) value) ? 1 : 0);
            case INT2, INT4, INT8, OID -> w.putLong(((Number) value).longValue() ^ Long.MIN_VALUE);
            case FLOAT4 -> encodeDouble(w, ((Float) value).doubleValue());
            case FLOAT8 -> encodeDouble(w, (Double) value);
            case NUMERIC -> encodeNumeric(w, (BigDecimal) value);
            case TEXT, VARCHAR, BPCHAR, NAME, CHAR, UNKNOWN ->
                    encodeBytes(w, ((String) value).getBytes(StandardCharsets.UTF_8));
            case JSONB -> encodeBytes(w, ((Jsonb) value).text().getBytes(StandardCharsets.UTF_8));
            case BYTEA -> encodeBytes(w, (byte[]) value);
            case DATE -> w.putLong(((LocalDate) value).toEpochDay() ^ Long.MIN_VALUE);
            case TIMESTAMP -> w.putLong(epochMicros(((LocalDateTime) value).toInstant(ZoneOffset.UTC)) ^ Long.MIN_VALUE);
            case TIMESTAMPTZ -> w.putLong(epochMicros((Instant) value) ^ Long.MIN_VALUE);
            default -> throw new IllegalArgumentException("type " + kind + " cannot be part of a key");
        }
    }

    public static List<Object> decode(byte[] key, int offset, List<TypeKind> kinds) {
        ByteReader r = new ByteReader(key, offset, key.length);
        List<Object> out = new ArrayList<>(kinds.size());
        for (TypeKind kind : kinds) {
            out.add(decodeValue(r, kind));
        }
        return out;
    }

    public static Object decodeValue(ByteReader r, TypeKind kind) {
        int tag = r.get();
        if (tag == TAG_NULL) {
            return null;
        }
        if (tag != TAG_VALUE) {
            throw new IllegalStateException("bad key tag " + tag);
        }
        return switch (kind) {
            case BOOL -> r.get() != 0;
            case INT2 -> (short) (r.getLong() ^ Long.MIN_VALUE);
            case INT4 -> (int) (r.getLong() ^ Long.MIN_VALUE);
            case INT8, OID -> r.getLong() ^ Long.MIN_VALUE;
            case FLOAT4 -> (float) decodeDouble(r);
            case FLOAT8 -> decodeDouble(r);
            case NUMERIC -> decodeNumeric(r);
            case TEXT, VARCHAR, BPCHAR, NAME, CHAR, UNKNOWN -> new String(decodeBytes(r), StandardCharsets.UTF_8);
            case JSONB -> new Jsonb(new String(decodeBytes(r), StandardCharsets.UTF_8));
            case BYTEA -> decodeBytes(r);
            case DATE -> LocalDate.ofEpochDay(r.getLong() ^ Long.MIN_VALUE);
            case TIMESTAMP -> LocalDateTime.ofInstant(fromEpochMicros(r.getLong() ^ Long.MIN_VALUE), ZoneOffset.UTC);
            case TIMESTAMPTZ -> fromEpochMicros(r.getLong() ^ Long.MIN_VALUE);
            default -> throw new IllegalArgumentException("type " + kind + " cannot be part of a key");
        };
    }

    private static void encodeDouble(ByteWriter w, double d) {
        if (d == 0.0) {
            d = 0.0; // -0.0 equals 0.0 in SQL
        }
        long bits = Double.isNaN(d) ? 0x7ff8000000000000L : Double.doubleToLongBits(d);
        w.putLong(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
    }

    private static double decodeDouble(ByteReader r) {
        long v = r.getLong();
        return Double.longBitsToDouble(v < 0 ? v ^ Long.MIN_VALUE : ~v);
    }

    private static void encodeNumeric(ByteWriter w, BigDecimal value) {
        int sign = value.signum();
        if (sign == 0) {
            w.put(NUMERIC_ZERO);
            return;
        }
        BigDecimal norm = value.abs().stripTrailingZeros();
        String digits = norm.unscaledValue().toString();
        // value = 0.d1d2...dn × 10^exponent
        int exponent = digits.length() - norm.scale();
        int flip = sign < 0 ? 0xFF : 0;
        w.put(sign < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE);
        int e = exponent ^ Integer.MIN_VALUE;
        for (int i = 3; i >= 0; i--) {
            w.put(((e >>> (i * 8)) & 0xFF) ^ flip);
        }
        for (int i = 0; i < digits.length(); i++) {
            w.put((digits.charAt(i) - '0' + 1) ^ flip);
        }
        w.put(flip);
    }

    private static BigDecimal decodeNumeric(ByteReader r) {
        int cls = r.get();
        if (cls == NUMERIC_ZERO) {
            return BigDecimal.ZERO;
        }
        int flip = cls == NUMERIC_NEGATIVE ? 0xFF : 0;
        int e = 0;
        for (int i = 0; i < 4; i++) {
            e = (e << 8) | (r.get() ^ flip);
        }
        int exponent = e ^ Integer.MIN_VALUE;
        StringBuilder digits = new StringBuilder();
        for (int b = r.get() ^ flip; b != 0; b = r.get() ^ flip) {
            digits.append((char) ('0' + b - 1));
        }
        BigDecimal magnitude = new BigDecimal(new BigInteger(digits.toString()), digits.length() - exponent);
        return flip != 0 ? magnitude.negate() : magnitude;
    }

    private static void encodeBytes(ByteWriter w, byte[] bytes) {
        for (byte b : bytes) {
            w.put(b);
            if (b == 0) {
                w.put(0xFF);
            }
        }
        w.put(0).put(1);
    }

    private static byte[] decodeBytes(ByteReader r) {
        ByteWriter out = new ByteWriter();
        while (true) {
            int b = r.get();
            if (b != 0) {
                out.put(b);
                continue;
            }
            int next = r.get();
            if (next == 1) {
                return out.toByteArray();
            }
            if (next != 0xFF) {
                throw new IllegalStateException("bad escape in key string: 0x00 0x" + Integer.toHexString(next));
            }
            out.put(0);
        }
    }

    public static long epochMicros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
    }

    public static Instant fromEpochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** The smallest key greater than every key that starts with {@code prefix}; null when none exists. */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if ((end[i] & 0xFF) != 0xFF) {
                end[i]++;
                return java.util.Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }
}
