package io.tessera.storage.api;

/**
 * What one bounded pass of {@link StorageEngine#collectGarbage(byte[], byte[], long, int)} did.
 *
 * @param versionsRemoved versions physically deleted by the pass
 * @param resumeKey the user key the next pass starts from (pass it as {@code startKey}); null when
 *     the span is exhausted
 */
public record GcPass(long versionsRemoved, byte[] resumeKey) {
    public GcPass {
        if (versionsRemoved < 0) {
            throw new IllegalArgumentException("versionsRemoved must be >= 0: " + versionsRemoved);
        }
    }

    public boolean done() {
        return resumeKey == null;
    }
}
