package io.tessera.cli.slt;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The expected block of a query: the values one per line, or {@code N values hashing to <md5>}. */
sealed interface Expected permits Expected.Values, Expected.Hash {

    Pattern HASH_LINE = Pattern.compile("(\\d{1,9}) values hashing to ([0-9a-f]{32})");

    /** The rendered values, already in the order the sort mode produces. */
    record Values(List<String> values) implements Expected {
        public Values {
            values = List.copyOf(values);
        }
    }

    /** The number of values and the MD5 of all of them, each followed by a newline. */
    record Hash(int count, String md5) implements Expected {
        public Hash {
            if (count < 0 || md5.length() != 32) {
                throw new IllegalArgumentException("bad hash line: " + count + " values hashing to " + md5);
            }
        }
    }

    /** Reads the lines after {@code ----}; a single hash line means the hashed form. */
    static Expected fromLines(List<String> lines) {
        if (lines.size() == 1) {
            Matcher m = HASH_LINE.matcher(lines.get(0).strip());
            if (m.matches()) {
                return new Hash(Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        return new Values(lines);
    }
}
