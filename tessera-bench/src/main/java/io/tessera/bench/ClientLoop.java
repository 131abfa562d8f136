package io.tessera.bench;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs {@code threads} clients, each on its own connection, repeating one operation until the
 * duration ends; returns operations per second and the merged latency histogram.
 */
final class ClientLoop {
    private ClientLoop() {}

    /** One client's operation; it returns how many units (rows, ops) it completed. */
    interface Operation {
        int run(Connection c, SplittableRandom random) throws Exception;
    }

    /** Prepares per-connection state (prepared statements) and returns the operation. */
    interface OperationFactory {
        Operation open(Connection c) throws Exception;
    }

    static Measurement run(Target target, BenchConfig config, OperationFactory factory) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(config.threads());
        try {
            long deadline = System.nanoTime() + config.seconds() * 1_000_000_000L;
            List<Future<long[]>> results = new ArrayList<>();
            List<LatencyRecorder> recorders = new ArrayList<>();
            for (int t = 0; t < config.threads(); t++) {
                LatencyRecorder recorder = new LatencyRecorder();
                recorders.add(recorder);
                long seed = 42 + t;
                results.add(pool.submit(() -> client(target, factory, recorder, seed, deadline)));
            }
            long units = 0;
            long nanos = 0;
            for (Future<long[]> f : results) {
                long[] r = f.get();
                units += r[0];
                nanos = Math.max(nanos, r[1]);
            }
            LatencyRecorder all = new LatencyRecorder();
            recorders.forEach(all::merge);
            return new Measurement(units / (nanos / 1e9), all.percentile(99));
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] client(Target target, OperationFactory factory, LatencyRecorder recorder, long seed,
            long deadline) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        try (Connection c = target.connect()) {
            Operation op = factory.open(c);
            long start = System.nanoTime();
            long units = 0;
            long now = start;
            while (now < deadline) {
                units += op.run(c, random);
                long after = System.nanoTime();
                recorder.record((after - now) / 1000);
                now = after;
            }
            return new long[] {units, now - start};
        }
    }
}
