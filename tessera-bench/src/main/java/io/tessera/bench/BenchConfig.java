package io.tessera.bench;

/**
 * Sizes of a benchmark run.
 *
 * @param threads concurrent clients (the workloads use 8)
 * @param seconds duration of each timed run
 * @param rows rows preloaded for reads and aggregates
 */
record BenchConfig(int threads, int seconds, int rows) {
    BenchConfig {
        if (threads < 1 || seconds < 1 || rows < 1) {
            throw new IllegalArgumentException("threads, seconds and rows must be positive");
        }
    }
}
