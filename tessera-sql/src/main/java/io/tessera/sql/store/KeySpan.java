package io.tessera.sql.store;

import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.KeySpace;
import java.util.Arrays;

/** A half-open span {@code [start, end)} of absolute table keys; a null end means unbounded. */
public record KeySpan(byte[] start, byte[] end) {

    public static KeySpan wholeTable(long tableId) {
        byte[] prefix = KeySpace.tablePrefix(tableId);
        return new KeySpan(prefix, KeyCodec.prefixEnd(prefix));
    }

    /** Every key that starts with {@code prefix} (the keys of one primary-key value or key prefix). */
    public static KeySpan prefix(byte[] prefix) {
        return new KeySpan(prefix, KeyCodec.prefixEnd(prefix));
    }

    public boolean isEmpty() {
        return end != null && Arrays.compareUnsigned(start, end) >= 0;
    }

    @Override
    public String toString() {
        return "KeySpan[" + Arrays.toString(start) + ", " + (end == null ? "end" : Arrays.toString(end)) + ")";
    }
}
