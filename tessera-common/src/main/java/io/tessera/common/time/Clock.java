package io.tessera.common.time;

/**
 * The source of wall time for layer code. Production passes {@link #system()}; tests pass a fake
 * clock they advance by hand, so no layer calls {@code System.currentTimeMillis()} itself.
 */
public interface Clock {
    long nowMillis();

    /** Monotonic nanoseconds for measuring intervals and deadlines. */
    long nanoTime();

    static Clock system() {
        return new Clock() {
            @Override public long nowMillis() { return System.currentTimeMillis(); }
            @Override public long nanoTime() { return System.nanoTime(); }
        };
    }
}
