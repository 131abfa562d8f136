package io.tessera.bench;

import java.util.SplittableRandom;

/**
 * YCSB's zipfian key chooser (Gray et al., "Quickly generating billion-record synthetic
 * databases"), constant 0.99: a few keys are hot, as in YCSB workloads A and C.
 */
final class Zipfian {
    private static final double THETA = 0.99;
    private final long items;
    private final double alpha;
    private final double zetan;
    private final double eta;

    Zipfian(long items) {
        this.items = items;
        this.zetan = zeta(items);
        this.alpha = 1.0 / (1.0 - THETA);
        double zeta2 = zeta(2);
        this.eta = (1 - Math.pow(2.0 / items, 1 - THETA)) / (1 - zeta2 / zetan);
    }

    private static double zeta(long n) {
        double sum = 0;
        for (long i = 1; i <= n; i++) {
            sum += 1 / Math.pow(i, THETA);
        }
        return sum;
    }

    /** A key in [0, items). */
    long next(SplittableRandom random) {
        double u = random.nextDouble();
        double uz = u * zetan;
        if (uz < 1.0) {
            return 0;
        }
        if (uz < 1.0 + Math.pow(0.5, THETA)) {
            return 1;
        }
        return (long) (items * Math.pow(eta * u - eta + 1, alpha)) % items;
    }
}
