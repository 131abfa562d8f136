package io.tessera.replication.api;

/**
 * What a state machine's apply produced: the reply for the client and an action that updates the
 * state machine's in-memory view, run only after the batch holding the effects is written. A
 * rejected command (a deterministic user error) returns a reply saying so and adds nothing to the
 * batch.
 */
public record ApplyResult(byte[] reply, Runnable onWritten) {
    private static final Runnable NOTHING = () -> { };

    public ApplyResult {
        if (reply == null) {
            throw new IllegalArgumentException("reply is required (use an empty array)");
        }
        if (onWritten == null) {
            onWritten = NOTHING;
        }
    }

    public static ApplyResult of(byte[] reply) {
        return new ApplyResult(reply, NOTHING);
    }
}
