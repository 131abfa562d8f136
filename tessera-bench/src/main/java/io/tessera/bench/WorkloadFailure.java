package io.tessera.bench;

/**
 * A workload that could not run against one target (an unsupported statement, a client that
 * exited with an error). The harness reports it in that target's cell and goes on with the rest.
 */
final class WorkloadFailure extends Exception {
    WorkloadFailure(String firstErrorLine) {
        super(firstErrorLine);
    }
}
