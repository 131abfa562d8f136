package io.tessera.cli.slt;

/**
 * Where the files run. Before each file the runner asks for a database: either one that is
 * already empty (a fresh node), or the same server again, which the runner then empties itself.
 */
interface SltTarget extends AutoCloseable {

    /** The database for the next file. */
    record FileDatabase(String jdbcUrl, boolean needsCleanup) {
    }

    FileDatabase nextFile() throws Exception;

    @Override
    void close();

    /** A server the user started, given by {@code --url}; emptied before every file. */
    static SltTarget remote(String jdbcUrl) {
        return new SltTarget() {
            @Override
            public FileDatabase nextFile() {
                return new FileDatabase(jdbcUrl, true);
            }

            @Override
            public void close() {
                // The server is the user's; it stays up.
            }
        };
    }
}
