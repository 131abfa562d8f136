package io.tessera.bench;

/** A benchmark workload: prepares its tables once per target, then measures one run. */
interface Workload {
    String name();

    /** The unit of {@link Measurement#value()}, e.g. "rows/s", "ops/s" or "s". */
    String unit();

    /** True when a larger value is better (throughput); false for durations. */
    default boolean higherIsBetter() { return true; }

    void prepare(Target target, BenchConfig config) throws Exception;

    Measurement run(Target target, BenchConfig config) throws Exception;
}
