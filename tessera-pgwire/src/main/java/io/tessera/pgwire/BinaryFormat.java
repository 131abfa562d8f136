package io.tessera.pgwire;

import io.tessera.common.types.Jsonb;
import io.tessera.common.types.JsonbText;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * PostgreSQL's binary send/receive formats (format code 1) for the types Tessera carries. Dates
 * are int32 days and timestamps int64 microseconds since 2000-01-01 (integer_datetimes on);
 * timestamptz is UTC. Arrays are the one-dimensional array_send layout. Decoding throws
 * IllegalArgumentException on bytes that do not fit the type; the caller turns it into 22P03.
 */
final class BinaryFormat {
    private BinaryFormat() {}

    /** 2000-01-01T00:00:00Z in seconds since the Unix epoch: PostgreSQL's epoch for binary dates and times. */
    static final long PG_EPOCH_SECONDS = 946_684_800L;
    static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    /** jsonb's binary form is a version byte (1) and the text. */
    static final byte JSONB_VERSION = 1;

    static byte[] encode(Object value, SqlType type) {
        return switch (type.kind()) {
            case BOOL -> new byte[] {(byte) (((Boolean) value) ? 1 : 0)};
            case INT2 -> ByteBuffer.allocate(2).putShort((Short) value).array();
            case INT4 -> ByteBuffer.allocate(4).putInt((Integer) value).array();
            case INT8 -> ByteBuffer.allocate(8).putLong((Long) value).array();
            case OID -> ByteBuffer.allocate(4).putInt((int) (long) (Long) value).array();
            case FLOAT4 -> ByteBuffer.allocate(4).putFloat((Float) value).array();
            case FLOAT8 -> ByteBuffer.allocate(8).putDouble((Double) value).array();
            case NUMERIC -> NumericBinary.encode((BigDecimal) value);
            case BYTEA -> (byte[]) value;
            case DATE -> ByteBuffer.allocate(4).putInt(Math.toIntExact(((LocalDate) value).toEpochDay() - PG_EPOCH_DAY)).array();
            case TIMESTAMP -> ByteBuffer.allocate(8).putLong(micros(((LocalDateTime) value).toInstant(ZoneOffset.UTC))).array();
            case TIMESTAMPTZ -> ByteBuffer.allocate(8).putLong(micros((Instant) value)).array();
            case JSONB -> jsonb((Jsonb) value);
            case TEXT_ARRAY, INT2_ARRAY, INT4_ARRAY, OID_ARRAY -> ArrayBinary.encode((List<?>) value, elementType(type.kind()));
            case TEXT, VARCHAR, BPCHAR, NAME, CHAR, UNKNOWN -> value.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    static Object decode(byte[] bytes, SqlType type) {
        return switch (type.kind()) {
            case BOOL -> exactly(bytes, 1)[0] != 0;
            case INT2 -> ByteBuffer.wrap(exactly(bytes, 2)).getShort();
            case INT4 -> ByteBuffer.wrap(exactly(bytes, 4)).getInt();
            case INT8 -> ByteBuffer.wrap(exactly(bytes, 8)).getLong();
            case OID -> Integer.toUnsignedLong(ByteBuffer.wrap(exactly(bytes, 4)).getInt());
            case FLOAT4 -> ByteBuffer.wrap(exactly(bytes, 4)).getFloat();
            case FLOAT8 -> ByteBuffer.wrap(exactly(bytes, 8)).getDouble();
            case NUMERIC -> NumericBinary.decode(bytes);
            case BYTEA -> bytes;
            case DATE -> LocalDate.ofEpochDay(PG_EPOCH_DAY + ByteBuffer.wrap(exactly(bytes, 4)).getInt());
            case TIMESTAMP -> LocalDateTime.ofInstant(instant(ByteBuffer.wrap(exactly(bytes, 8)).getLong()), ZoneOffset.UTC);
            case TIMESTAMPTZ -> instant(ByteBuffer.wrap(exactly(bytes, 8)).getLong());
            case JSONB -> jsonb(bytes);
            case TEXT_ARRAY, INT2_ARRAY, INT4_ARRAY, OID_ARRAY -> ArrayBinary.decode(bytes, elementType(type.kind()));
            case TEXT, VARCHAR, BPCHAR, NAME, CHAR, UNKNOWN -> PayloadReader.utf8(bytes);
        };
    }

    static SqlType elementType(TypeKind arrayKind) {
        return switch (arrayKind) {
            case TEXT_ARRAY -> SqlType.TEXT;
            case INT2_ARRAY -> SqlType.INT2;
            case INT4_ARRAY -> SqlType.INT4;
            case OID_ARRAY -> SqlType.OID;
            default -> throw new IllegalArgumentException(arrayKind + " is not an array type");
        };
    }

    static long micros(Instant t) {
        long seconds = Math.subtractExact(t.getEpochSecond(), PG_EPOCH_SECONDS);
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), t.getNano() / 1000);
    }

    static Instant instant(long micros) {
        // Long.MIN_VALUE / MAX_VALUE are PostgreSQL's -infinity / infinity, which Tessera's types cannot carry.
        if (micros == Long.MIN_VALUE || micros == Long.MAX_VALUE) {
            throw new IllegalArgumentException("infinite timestamps are not supported");
        }
        long seconds = Math.floorDiv(micros, 1_000_000L);
        long microOfSecond = Math.floorMod(micros, 1_000_000L);
        return Instant.ofEpochSecond(PG_EPOCH_SECONDS + seconds, microOfSecond * 1000);
    }

    private static byte[] jsonb(Jsonb value) {
        byte[] text = value.text().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 1];
        out[0] = JSONB_VERSION;
        System.arraycopy(text, 0, out, 1, text.length);
        return out;
    }

    private static Jsonb jsonb(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != JSONB_VERSION) {
            throw new IllegalArgumentException("unsupported jsonb version number " + (bytes.length == 0 ? "(none)" : bytes[0]));
        }
        // Canonicalise like text input does, so that a binary parameter equals the same text one.
        return JsonbText.parse(PayloadReader.utf8(bytes, 1, bytes.length - 1));
    }

    private static byte[] exactly(byte[] bytes, int n) {
        if (bytes.length != n) {
            throw new IllegalArgumentException("expected " + n + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    /** The one-dimensional array_send / array_recv layout. */
    static final class ArrayBinary {
        private ArrayBinary() {}

        static byte[] encode(List<?> list, SqlType element) {
            List<byte[]> encoded = new ArrayList<>(list.size());
            int size = list.isEmpty() ? 12 : 20;
            boolean hasNull = false;
            for (Object e : list) {
                byte[] b = e == null ? null : BinaryFormat.encode(e, element);
                hasNull |= b == null;
                size += 4 + (b == null ? 0 : b.length);
                encoded.add(b);
            }
            ByteBuffer out = ByteBuffer.allocate(size);
            out.putInt(list.isEmpty() ? 0 : 1);
            out.putInt(hasNull ? 1 : 0);
            out.putInt(element.oid());
            if (!list.isEmpty()) {
                out.putInt(list.size());
                out.putInt(1);
            }
            for (byte[] b : encoded) {
                out.putInt(b == null ? -1 : b.length);
                if (b != null) {
                    out.put(b);
                }
            }
            return out.array();
        }

        static List<Object> decode(byte[] bytes, SqlType element) {
            PayloadReader r = new PayloadReader(bytes);
            int dimensions = r.readInt32();
            r.readInt32(); // has-null flag: informative only
            int elementOid = r.readInt32();
            if (elementOid != element.oid()) {
                throw new IllegalArgumentException("binary data has array element type " + elementOid
                        + " instead of expected " + element.oid());
            }
            if (dimensions == 0) {
                r.expectEnd();
                return List.of();
            }
            if (dimensions != 1) {
                throw new IllegalArgumentException("only one-dimensional arrays are supported, got " + dimensions);
            }
            int count = r.readInt32();
            r.readInt32(); // lower bound: Tessera's lists start at 1 like PostgreSQL's default
            if (count < 0 || (long) count * 4 > r.remaining()) {
                throw new IllegalArgumentException("array length " + count + " does not fit its data");
            }
            List<Object> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = r.readInt32();
                out.add(length == -1 ? null : BinaryFormat.decode(r.readBytes(length), element));
            }
            r.expectEnd();
            return Collections.unmodifiableList(out);
        }
    }
}
