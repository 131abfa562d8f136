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

/**
 * The value encoding of a row's columns (not order-preserving; keys use {@link KeyCodec}). A row is
 * a sequence of {@code (columnId varint, value)} pairs for its non-NULL columns, so that a column
 * added by ALTER TABLE reads as NULL (or its default) in old rows and a dropped column is skipped.
 * Column ids are stable per table and never reused.
 */
public final class RowCodec {
    private RowCodec() {}

    /** Encodes {@code values[i]} of type {@code kinds[i]} under {@code columnIds[i]}; nulls are omitted. */
    public static byte[] encode(int[] columnIds, Object[] values, TypeKind[] kinds) {
        ByteWriter w = new ByteWriter(64);
        for (int i = 0; i < columnIds.length; i++) {
            if (values[i] != null) {
                w.putVarint(columnIds[i]);
                encodeValue(w, values[i], kinds[i]);
            }
        }
        return w.toByteArray();
    }

    /**
     * Decodes into {@code out}, where {@code out[i]} receives the value of {@code columnIds[i]};
     * columns absent from the row stay null, unknown column ids are skipped using {@code kindOf}.
     */
    public static void decode(byte[] row, int[] columnIds, TypeKind[] kinds, Object[] out) {
        ByteReader r = new ByteReader(row);
        while (r.hasRemaining()) {
            int id = (int) r.getVarint();
            int slot = indexOf(columnIds, id);
            if (slot < 0) {
                throw new IllegalStateException("row holds column id " + id + " that the table does not define");
            }
            out[slot] = decodeValue(r, kinds[slot]);
        }
    }

    private static int indexOf(int[] ids, int id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private static void encodeValue(ByteWriter w, Object v, TypeKind kind) {
        switch (kind) {
            case BOOL -> w.put(((Boolean) v) ? 1 : 0);
            case INT2, INT4, INT8, OID -> w.putVarint(zigzag(((Number) v).longValue()));
            case FLOAT4 -> w.putInt(Float.floatToIntBits((Float) v));
            case FLOAT8 -> w.putLong(Double.doubleToLongBits((Double) v));
            case NUMERIC -> {
                BigDecimal d = (BigDecimal) v;
                w.putVarint(zigzag(d.scale()));
                putBytes(w, d.unscaledValue().toByteArray());
            }
            case TEXT, VARCHAR, BPCHAR, NAME, CHAR, UNKNOWN -> putBytes(w, ((String) v).getBytes(StandardCharsets.UTF_8));
            case JSONB -> putBytes(w, ((Jsonb) v).text().getBytes(StandardCharsets.UTF_8));
            case BYTEA -> putBytes(w, (byte[]) v);
            case DATE -> w.putVarint(zigzag(((LocalDate) v).toEpochDay()));
            case TIMESTAMP -> w.putLong(KeyCodec.epochMicros(((LocalDateTime) v).toInstant(ZoneOffset.UTC)));
            case TIMESTAMPTZ -> w.putLong(KeyCodec.epochMicros((Instant) v));
            default -> throw new IllegalArgumentException("type " + kind + " cannot be stored in a row");
        }
    }

    private static Object decodeValue(ByteReader r, TypeKind kind) {
        return switch (kind) {
            case BOOL -> r.get() != 0;
            case INT2 -> (short) unzigzag(r.getVarint());
            case INT4 -> (int) unzigzag(r.getVarint());
            case INT8, OID -> unzigzag(r.getVarint());
            case FLOAT4 -> Float.intBitsToFloat(r.getInt());
            case FLOAT8 -> Double.longBitsToDouble(r.getLong());
            case NUMERIC -> {
                int scale = (int) unzigzag(r.getVarint());
                yield new BigDecimal(new BigInteger(getBytes(r)), scale);
            }
            case TEXT, VARCHAR, BPCHAR, NAME, CHAR, UNKNOWN -> new String(getBytes(r), StandardCharsets.UTF_8);
            case JSONB -> new Jsonb(new String(getBytes(r), StandardCharsets.UTF_8));
            case BYTEA -> getBytes(r);
            case DATE -> LocalDate.ofEpochDay(unzigzag(r.getVarint()));
            case TIMESTAMP -> LocalDateTime.ofInstant(KeyCodec.fromEpochMicros(r.getLong()), ZoneOffset.UTC);
            case TIMESTAMPTZ -> KeyCodec.fromEpochMicros(r.getLong());
            default -> throw new IllegalArgumentException("type " + kind + " cannot be stored in a row");
        };
    }

    private static void putBytes(ByteWriter w, byte[] b) {
        w.putVarint(b.length);
        w.put(b);
    }

    private static byte[] getBytes(ByteReader r) {
        long n = r.getVarint();
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalStateException("bad length " + n);
        }
        return r.get((int) n);
    }

    private static long zigzag(long v) { return (v << 1) ^ (v >> 63); }

    private static long unzigzag(long v) { return (v >>> 1) ^ -(v & 1); }
}
