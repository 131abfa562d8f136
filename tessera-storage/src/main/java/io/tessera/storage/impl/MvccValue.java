package io.tessera.storage.impl;

import java.util.Arrays;

/** The RocksDB value of a version: a tag byte, then the payload of a live version. */
final class MvccValue {
    private MvccValue() {}

    static final byte TOMBSTONE = 0x00;
    static final byte LIVE = 0x01;
    private static final byte[] TOMBSTONE_VALUE = {TOMBSTONE};

    static byte[] live(byte[] payload) {
        byte[] out = new byte[payload.length + 1];
        out[0] = LIVE;
        System.arraycopy(payload, 0, out, 1, payload.length);
        return out;
    }

    static byte[] tombstone() {
        return TOMBSTONE_VALUE.clone();
    }

    /** Checks the tag right after reading it back: an unknown tag is corruption, not a user error. */
    static boolean isLive(byte[] stored) {
        return stored.length == 0 ? isLive((byte) 0, 0) : isLive(stored[0], stored.length);
    }

    /** {@link #isLive(byte[])} from the tag and the stored length alone, for readers that skip the payload. */
    static boolean isLive(byte tag, int storedLength) {
        if (storedLength == 0) {
            throw new IllegalStateException("empty MVCC value");
        }
        return switch (tag) {
            case LIVE -> true;
            case TOMBSTONE -> {
                if (storedLength != 1) {
                    throw new IllegalStateException("tombstone with a payload of " + (storedLength - 1) + " bytes");
                }
                yield false;
            }
            default -> throw new IllegalStateException("unknown MVCC value tag " + tag);
        };
    }

    static byte[] payload(byte[] stored) {
        return Arrays.copyOfRange(stored, 1, stored.length);
    }
}
