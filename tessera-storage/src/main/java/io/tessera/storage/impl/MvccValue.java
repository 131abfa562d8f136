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
        if (stored.length == 0) {
            throw new IllegalStateException("empty MVCC value");
        }
        return switch (stored[0]) {
            case LIVE -> true;
            case TOMBSTONE -> {
                if (stored.length != 1) {
                    throw new IllegalStateException("tombstone with a payload of " + (stored.length - 1) + " bytes");
                }
                yield false;
            }
            default -> throw new IllegalStateException("unknown MVCC value tag " + stored[0]);
        };
    }

    static byte[] payload(byte[] stored) {
        return Arrays.copyOfRange(stored, 1, stored.length);
    }
}
