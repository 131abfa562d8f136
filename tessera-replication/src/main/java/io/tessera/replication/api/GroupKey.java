package io.tessera.replication.api;

import java.util.Optional;
import java.util.UUID;

/**
 * Names one Raft group on the node: the metadata group or the group of one fragment. The Raft
 * group id is a UUID derived from it deterministically, so that every node computes the same id
 * and a restarted node can tell, from a group directory's name alone, which state machine to open.
 *
 * <p>UUID layout: the most significant 64 bits are a fixed Tessera prefix with the kind in the
 * low byte; the least significant 64 bits are the id.
 */
public record GroupKey(Kind kind, long id) {

    public enum Kind {
        /** The cluster's metadata group (catalog, sequences); id is always 0. */
        META,
        /** A fragment's group; id is the fragment id. */
        FRAGMENT
    }

    /** "7e55e7a0-0000-4000" plus the kind byte: version-4 shape, recognisable in directory listings. */
    private static final long PREFIX = 0x7e55e7a0_0000_4000L;
    private static final long KIND_MASK = 0xFFL;

    public static final GroupKey META = new GroupKey(Kind.META, 0);

    public static GroupKey fragment(long fragmentId) {
        return new GroupKey(Kind.FRAGMENT, fragmentId);
    }

    public GroupKey {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (kind == Kind.META && id != 0) {
            throw new IllegalArgumentException("the metadata group has id 0: " + id);
        }
        if (id < 0) {
            throw new IllegalArgumentException("group ids are non-negative: " + id);
        }
    }

    public UUID uuid() {
        return new UUID(PREFIX | kind.ordinal(), id);
    }

    /** The key a Tessera group UUID was made from; empty for a UUID Tessera did not make. */
    public static Optional<GroupKey> fromUuid(UUID uuid) {
        long high = uuid.getMostSignificantBits();
        int kind = (int) (high & KIND_MASK);
        if ((high & ~KIND_MASK) != PREFIX || kind >= Kind.values().length || uuid.getLeastSignificantBits() < 0) {
            return Optional.empty();
        }
        return Optional.of(new GroupKey(Kind.values()[kind], uuid.getLeastSignificantBits()));
    }

    @Override
    public String toString() {
        return kind == Kind.META ? "meta" : "fragment-" + id;
    }
}
