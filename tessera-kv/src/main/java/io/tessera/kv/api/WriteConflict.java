package io.tessera.kv.api;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;

/**
 * A write found a version committed after the snapshot its statement read: under SNAPSHOT the
 * transaction must retry (40001); under READ COMMITTED the statement re-runs on a fresh snapshot.
 */
public final class WriteConflict extends SqlException {
    public WriteConflict() {
        super(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent update");
    }
}
