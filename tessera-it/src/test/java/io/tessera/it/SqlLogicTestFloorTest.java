package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Conformance never slides back: the sqllogictest corpus of {@code ../shared/slt}, run with
 * {@code tessera slt} against a node, must pass at least as many records as recorded in
 * {@code slt-floor.txt}. Raise the floor when the count rises.
 */
class SqlLogicTestFloorTest {
    private static final Pattern SUMMARY = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed");

    @Test
    void passCountStaysAtOrAboveTheFloor() throws Exception {
        int floor;
        try (InputStream in = getClass().getResourceAsStream("/slt-floor.txt")) {
            floor = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
        NodeProcess node = SharedNode.get();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.tessera.cli.Main", "slt", "--url", node.jdbcUrl(), "--floor", String.valueOf(floor),
                "--max-failures-shown", "0", sharedSltDirectory().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        Matcher m = SUMMARY.matcher(out);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        assertThat(last).as(out).isNotNull();
        assertThat(Integer.parseInt(last)).as("records passed; the floor is " + floor).isGreaterThanOrEqualTo(floor);
        assertThat(p.exitValue()).as(out).isZero();
    }

    /** {@code shared/slt} beside the repository (CI lays shared/ next to the clone). */
    private static Path sharedSltDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("slt");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/slt found above " + Path.of("").toAbsolutePath());
    }
}
