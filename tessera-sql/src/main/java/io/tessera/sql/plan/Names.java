package io.tessera.sql.plan;

import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.Function;

/** PostgreSQL's identifier rules: unquoted names fold to lower case, quoted ones keep their case. */
public final class Names {
    private Names() {}

    public static String identifier(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    /** A function's name without a {@code pg_catalog.} or {@code information_schema.} qualifier. */
    static String functionName(Function f) {
        List<String> parts = f.getMultipartName();
        String last = parts == null || parts.isEmpty() ? f.getName() : parts.get(parts.size() - 1);
        return identifier(last);
    }
}
