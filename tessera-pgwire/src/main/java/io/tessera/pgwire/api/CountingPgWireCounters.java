package io.tessera.pgwire.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Plain counters, readable at any time; the metrics layer may poll these or bring its own {@link PgWireCounters}. */
public final class CountingPgWireCounters implements PgWireCounters {
    private final LongAdder opened = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final Map<Character, LongAdder> messagesByType = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();

    @Override public void connectionOpened() { opened.increment(); }
    @Override public void connectionClosed() { closed.increment(); }
    @Override
    public void messageReceived(char type) {
        messages.increment();
        messagesByType.computeIfAbsent(type, t -> new LongAdder()).increment();
    }
    @Override public void errorSent(String sqlState) { errors.increment(); }

    public long connectionsOpened() { return opened.sum(); }
    public long connectionsActive() { return opened.sum() - closed.sum(); }
    public long messages() { return messages.sum(); }

    /** Messages received of one type, e.g. {@code 'E'} for Execute. */
    public long messages(char type) {
        LongAdder n = messagesByType.get(type);
        return n == null ? 0 : n.sum();
    }
    public long errors() { return errors.sum(); }
}
