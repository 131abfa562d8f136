package io.tessera.cli.demo;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The demo's child processes. Each node runs as its own JVM with output to its {@code node.log};
 * stopping sends SIGTERM to all (so they shut down side by side), waits a grace period for each and
 * then kills what is left. Safe to call from the shutdown hook and the main thread alike.
 */
final class NodeProcesses {
    /** How long a node may take to shut down cleanly after SIGTERM before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /** A started node and its process. */
    record Running(DemoNode node, Process process) {
    }

    private final Function<DemoNode, List<String>> commandOf;
    private final List<Running> running = new CopyOnWriteArrayList<>();

    NodeProcesses(Function<DemoNode, List<String>> commandOf) {
        this.commandOf = commandOf;
    }

    /** Starts the node with stdout and stderr written to its log (truncated, so the log is this run's). */
    Running start(DemoNode node) throws IOException {
        Files.createDirectories(node.dataDir());
        ProcessBuilder pb = new ProcessBuilder(commandOf.apply(node))
                .redirectErrorStream(true)
                .redirectOutput(Redirect.to(node.logFile().toFile()))
                .redirectInput(Redirect.from(new java.io.File("/dev/null")));
        Running r = new Running(node, pb.start());
        running.add(r);
        return r;
    }

    List<Running> running() {
        return List.copyOf(running);
    }

    /** Blocks until the first started process exits and returns it. */
    Running awaitFirstExit() throws InterruptedException {
        List<Running> all = running();
        if (all.isEmpty()) {
            throw new IllegalStateException("no node was started");
        }
        List<CompletableFuture<Running>> exits = new ArrayList<>();
        for (Running r : all) {
            exits.add(r.process().onExit().thenApply(p -> r));
        }
        try {
            return (Running) CompletableFuture.anyOf(exits.toArray(CompletableFuture[]::new)).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("onExit does not fail", e);
        }
    }

    /** SIGTERM to every live node, then up to {@code grace} for each to exit before it is killed. */
    void stopAll(Duration grace) throws InterruptedException {
        List<Running> all = running();
        for (Running r : all) {
            r.process().destroy();
        }
        for (Running r : all) {
            if (!r.process().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                r.process().destroyForcibly();
                r.process().waitFor();
            }
        }
    }
}
