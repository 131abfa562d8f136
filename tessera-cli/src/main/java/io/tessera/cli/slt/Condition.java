package io.tessera.cli.slt;

import java.util.List;
import java.util.Locale;

/** A {@code skipif <engine>} or {@code onlyif <engine>} line in front of a record. */
record Condition(Kind kind, String engine) {
    enum Kind { SKIPIF, ONLYIF }

    Condition {
        if (engine == null || engine.isBlank()) {
            throw new IllegalArgumentException("condition without an engine name");
        }
        engine = engine.toLowerCase(Locale.ROOT);
    }

    /** True when this condition lets the record run on {@code engineUnderTest}. */
    boolean allows(String engineUnderTest) {
        boolean named = engine.equalsIgnoreCase(engineUnderTest);
        return kind == Kind.SKIPIF ? !named : named;
    }

    /** A record runs only when every one of its conditions allows it, as in the reference harness. */
    static boolean allAllow(List<Condition> conditions, String engineUnderTest) {
        return conditions.stream().allMatch(c -> c.allows(engineUnderTest));
    }
}
