package io.tessera.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the figures and the first error out of pgbench's output (PostgreSQL 15's wording). */
final class PgbenchOutput {
    private PgbenchOutput() {}

    private static final Pattern TPS = Pattern.compile(
            "^tps = ([0-9]+(?:\\.[0-9]+)?) \\(without initial connection time\\)", Pattern.MULTILINE);
    private static final Pattern LATENCY_AVERAGE = Pattern.compile(
            "^latency average = ([0-9]+(?:\\.[0-9]+)?) ms", Pattern.MULTILINE);
    private static final Pattern ERROR_LINE = Pattern.compile(
            "(?i)\\b(error|fatal|could not|aborted)\\b");

    /** The run's figures: transactions per second and, when printed, the mean latency in microseconds. */
    static Optional<Measurement> measurement(String output) {
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            return Optional.empty();
        }
        Matcher latency = LATENCY_AVERAGE.matcher(output);
        long averageMicros = latency.find() ? Math.round(Double.parseDouble(latency.group(1)) * 1000) : -1;
        return Optional.of(new Measurement(Double.parseDouble(tps.group(1)), -1, averageMicros));
    }

    /**
     * The first line that reports an error, else the last non-blank line, else a placeholder: what
     * a reader needs to see why a run failed without opening a log.
     */
    static String firstErrorLine(String output) {
        String last = null;
        for (String line : output.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (ERROR_LINE.matcher(trimmed).find()) {
                return trimmed;
            }
            last = trimmed;
        }
        return last != null ? last : "pgbench printed nothing";
    }
}
