package io.tessera.storage.api;

/**
 * What one bounded pass of {@link StorageEngine#collectGarbage(byte[], byte[], long, int)} did.
 *
 * @param versionsRemoved versions physically deleted by the pass
 * @param resumeKey the user key the next pass starts from (pass it as {@code startKey}); null when
 *     the span is exhausted
 * @param minTsAboveHorizon a lower bound of the timestamps above the horizon among the versions the
 *     pass walked over ({@code Long.MAX_VALUE} when there were none): when nothing is written to a
 *     fully swept span afterwards, a sweep at a horizon below the smallest of these bounds finds
 *     nothing to remove, so a collector may skip it
 */
public record GcPass(long versionsRemoved, byte[] resumeKey, long minTsAboveHorizon) {
    public GcPass {
        if (versionsRemoved < 0) {
            throw new IllegalArgumentException("versionsRemoved must be >= 0: " + versionsRemoved);
        }
    }

    public boolean done() {
        return resumeKey == null;
    }
}
