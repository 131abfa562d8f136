package io.tessera.bench;

/**
 * One run of one workload against one target.
 *
 * @param value the workload's figure in its unit (higher is better unless the unit is seconds)
 * @param p99Micros the 99th percentile latency of one operation, or -1 when not measured
 * @param averageMicros the mean latency of one operation as the client reports it (pgbench's
 *     "latency average"), or -1 when not measured
 */
record Measurement(double value, long p99Micros, long averageMicros) {
    Measurement(double value, long p99Micros) {
        this(value, p99Micros, -1);
    }
}
