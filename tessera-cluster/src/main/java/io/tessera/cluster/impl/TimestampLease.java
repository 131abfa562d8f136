package io.tessera.cluster.impl;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;

/**
 * The timestamp oracle's durable state in the metadata group (meta key {@code catalog/timestamps}):
 * who may hand out timestamps, and a bound on every timestamp handed out so far. The transitions
 * are pure and deterministic (the proposer supplies clock readings), so every replica reaches the
 * same lease; see {@link TimestampService} for why they make the oracle safe.
 *
 * @param epoch the fencing token: bumped by every claim; 0 while nobody ever claimed
 * @param holder who made the last claim (node id and process incarnation), for operators
 * @param limit every timestamp handed out under any epoch so far is at most this
 * @param released whether the holder of {@code epoch} gave it up (an orderly shutdown) after it
 *     stopped serving, so the next claimer need not wait out its lease
 */
record TimestampLease(long epoch, String holder, long limit, boolean released) {
    static final TimestampLease NONE = new TimestampLease(0, "", 0, false);

    /**
     * The reply to a claim: hand out timestamps above {@code base} and up to {@code limit}.
     *
     * @param hadHolder whether an earlier epoch existed, whose holder may still be serving until
     *     its lease runs out (the claimer must wait that out)
     */
    record Grant(long epoch, long base, long limit, boolean hadHolder) {}

    /** The grant of a claim: a new epoch starting above the stored limit and above the claimer's clock. */
    Grant grant(long nowTimestamp, long window) {
        long base = Math.max(limit, nowTimestamp);
        return new Grant(epoch + 1, base, base + window, epoch != 0 && !released);
    }

    /** The lease once {@code grant} is made to {@code claimer}. */
    static TimestampLease claimedBy(String claimer, Grant grant) {
        return new TimestampLease(grant.epoch(), claimer, grant.limit(), false);
    }

    /**
     * The holder of {@code heldEpoch} raises the limit; 40001 when another claim came in between
     * (the holder has lost the lease and must stop). The limit never goes down.
     */
    TimestampLease renew(long heldEpoch, long newLimit) {
        if (heldEpoch != epoch || released) {
            throw SqlException.of(SqlState.SERIALIZATION_FAILURE,
                    "timestamp lease epoch %d was taken over by epoch %d (%s) or released", heldEpoch, epoch, holder);
        }
        return new TimestampLease(epoch, holder, Math.max(limit, newLimit), false);
    }

    /** The holder of {@code heldEpoch} gives it up; nothing changes when another claim came in between. */
    TimestampLease release(long heldEpoch) {
        return heldEpoch == epoch ? new TimestampLease(epoch, holder, limit, true) : this;
    }
}
