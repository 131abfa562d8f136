package io.tessera.cli.slt;

import java.util.Locale;
import java.util.Optional;

/** How a query's rendered result is ordered before it is compared. */
enum SortMode {
    /** In the order the server returned (the query has ORDER BY or one row). */
    NOSORT,
    /** Rows sorted by their rendered values, column by column, byte-wise. */
    ROWSORT,
    /** Every value sorted on its own, ignoring rows. */
    VALUESORT;

    static Optional<SortMode> parse(String token) {
        return switch (token.toLowerCase(Locale.ROOT)) {
            case "nosort" -> Optional.of(NOSORT);
            case "rowsort" -> Optional.of(ROWSORT);
            case "valuesort" -> Optional.of(VALUESORT);
            default -> Optional.empty();
        };
    }
}
