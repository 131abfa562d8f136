package io.tessera.sql.engine;

import io.tessera.cluster.api.Catalog;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.time.Clock;

/**
 * Hidden row ids of tables declared without a primary key, unique across the cluster without a
 * round trip per row: milliseconds since 2024 (41 bits, until 2093), a gateway number (10 bits)
 * and a counter (12 bits) per millisecond. The gateway number is drawn once per process from a
 * cluster-wide sequence, modulo 1024: two live gateways share one only after 1,024 gateway starts
 * in between. Ids grow over time on each gateway, so appends land at the end of the key space.
 */
final class RowIds {
    static final String GATEWAY_SEQUENCE = "tessera_gateway_numbers";
    private static final long EPOCH_MILLIS = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    private static final int GATEWAY_BITS = 10;
    private static final int COUNTER_BITS = 12;
    private static final long COUNTER_MAX = (1L << COUNTER_BITS) - 1;

    private final Catalog catalog;
    private final Clock clock;
    private long gateway = -1;
    private long lastMillis;
    private long counter;

    RowIds(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    synchronized long next() {
        if (gateway < 0) {
            gateway = drawGatewayNumber();
        }
        long millis = Math.max(clock.nowMillis() - EPOCH_MILLIS, lastMillis);
        if (millis == lastMillis) {
            if (counter == COUNTER_MAX) {
                millis++; // borrow the next millisecond, like a hybrid clock; the wall clock catches up
                counter = 0;
            } else {
                counter++;
            }
        } else {
            counter = 0;
        }
        lastMillis = millis;
        return (millis << (GATEWAY_BITS + COUNTER_BITS)) | (gateway << COUNTER_BITS) | counter;
    }

    private long drawGatewayNumber() {
        try {
            return catalog.nextval(GATEWAY_SEQUENCE) & ((1L << GATEWAY_BITS) - 1);
        } catch (SqlException e) {
            if (!e.sqlState().equals(SqlState.UNDEFINED_TABLE)) {
                throw e;
            }
            try {
                catalog.createSequence(GATEWAY_SEQUENCE);
            } catch (SqlException raced) {
                if (!raced.sqlState().equals(SqlState.DUPLICATE_TABLE)) {
                    throw raced;
                }
            }
            return catalog.nextval(GATEWAY_SEQUENCE) & ((1L << GATEWAY_BITS) - 1);
        }
    }
}
