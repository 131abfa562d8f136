package io.tessera.storage.impl;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** Maps RocksDB failures to the errors callers handle: a full disk is an operating condition, not corruption. */
final class StorageErrors {
    private StorageErrors() {}

    /** PostgreSQL's io_error class code: any other failure of the local disk. */
    static final String IO_ERROR = "58030";

    static RuntimeException map(RocksDBException e, String action) {
        if (isNoSpace(e)) {
            return new SqlException(SqlState.DISK_FULL, "could not " + action + ": No space left on device", e)
                    .withHint("Free disk space on this node; writes resume without a restart.");
        }
        Status status = e.getStatus();
        if (status != null && status.getCode() == Status.Code.Corruption) {
            return new IllegalStateException("storage corruption while trying to " + action + ": " + e.getMessage(), e);
        }
        return new SqlException(IO_ERROR, "could not " + action + ": " + e.getMessage(), e);
    }

    static boolean isNoSpace(RocksDBException e) {
        Status status = e.getStatus();
        if (status != null && status.getSubCode() == Status.SubCode.NoSpace) {
            return true;
        }
        String message = e.getMessage();
        return message != null && message.contains("No space left on device");
    }

    /** What RocksDB reports when a WAL append hits ENOSPC; used by the disk-full fault point. */
    static RocksDBException simulatedNoSpace() {
        return new RocksDBException("IO error: No space left on device: While appending to file: 000001.log",
                new Status(Status.Code.IOError, Status.SubCode.NoSpace, "No space left on device"));
    }
}
