package io.tessera.storage.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.error.SqlException;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

class StorageErrorsTest {
    @Test
    void noSpaceByStatusOrByMessageIsDiskFull() {
        RuntimeException bySubCode = StorageErrors.map(
                new RocksDBException("x", new Status(Status.Code.IOError, Status.SubCode.NoSpace, "x")), "write");
        RuntimeException byMessage = StorageErrors.map(
                new RocksDBException("IO error: No space left on device: While appending to file"), "write");
        assertThat(bySubCode).isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("53100"));
        assertThat(byMessage).isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("53100"));
    }

    @Test
    void corruptionIsAnInvariantFailureAndOtherIoErrorsAre58030() {
        RuntimeException corruption = StorageErrors.map(
                new RocksDBException("bad block", new Status(Status.Code.Corruption, Status.SubCode.None, "")), "read");
        RuntimeException io = StorageErrors.map(
                new RocksDBException("eio", new Status(Status.Code.IOError, Status.SubCode.None, "")), "read");
        assertThat(corruption).isInstanceOf(IllegalStateException.class);
        assertThat(io).isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("58030"));
    }
}
