package io.tessera.cli;

import io.tessera.server.HostPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers of the cluster flags of {@code tessera start}: {@code --join}, {@code --labels} and
 * {@code --dead-after} and {@code --gc-window}. Each throws {@link IllegalArgumentException} with a message naming the flag
 * and the bad part, which the command prints before exiting with status 2.
 */
final class ClusterFlags {
    /** Keys and values of labels: what fits unquoted in a flag, a file name and a metric label. */
    private static final Pattern LABEL_PART = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

    private ClusterFlags() {
    }

    /** {@code host:port[,host:port…]}; empty or absent means "start a new cluster". */
    static List<String> parseJoin(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> addresses = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String address = part.strip();
            if (address.isEmpty()) {
                throw new IllegalArgumentException("--join: empty address in '" + text + "'");
            }
            try {
                addresses.add(HostPort.parse(address).toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--join: " + e.getMessage(), e);
            }
        }
        return List.copyOf(addresses);
    }

    /** {@code key=value[,key=value…]}, keys and values of {@code [A-Za-z0-9_.-]+}, keys unique; order kept. */
    static Map<String, String> parseLabels(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : text.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("--labels: expected key=value, got '" + pair + "'");
            }
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (!LABEL_PART.matcher(key).matches() || !LABEL_PART.matcher(value).matches()) {
                throw new IllegalArgumentException("--labels: '" + pair
                        + "' is not key=value with key and value made of letters, digits, '_', '.' and '-'");
            }
            if (labels.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException("--labels: key '" + key + "' is given twice");
            }
        }
        return Collections.unmodifiableMap(labels);
    }

    /** A duration such as {@code 500ms}, {@code 10s}, {@code 2m} or {@code 1h}. */
    static Duration parseDuration(String flag, String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(flag + ": expected a duration such as 10s, 2m or 1h, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> throw new AssertionError(m.group(2));
        };
    }
}
