/**
 * JMH microbenchmarks of the hot paths below SQL: the order-preserving key encoding and the row
 * encoding every read and write goes through, and the storage engine's point read and write on a
 * real RocksDB in a temporary directory.
 *
 * <p>What it owns: measurement only. Nothing here is production code and nothing here runs in the
 * test suite (no class is named like a test); {@code bench/micro.sh} builds the module and runs
 * JMH. The figures are for spotting regressions and for reading where time goes; the comparison
 * that matters to users, against PostgreSQL, is {@code bench/run.sh}.
 *
 * <p>Rejected: benchmarks as timed JUnit tests, which make the build's outcome depend on the
 * machine's load and have no warm-up or fork isolation.
 */
package io.tessera.microbench;
