package io.tessera.storage.api;

/**
 * Fault points of the storage engine, all off in production; tests switch them on to reach the
 * error paths of the layers above without filling a real disk.
 *
 * @param writeNoSpace every write fails as RocksDB fails on ENOSPC (through the same error mapping)
 * @param freeSpaceLow {@link StorageEngine#checkWritable()} reports the volume as full
 */
public record StorageFaults(boolean writeNoSpace, boolean freeSpaceLow) {
    public static final StorageFaults NONE = new StorageFaults(false, false);
    /** A disk that is really full: writes fail and the free-space check says so. */
    public static final StorageFaults DISK_FULL = new StorageFaults(true, true);
}
