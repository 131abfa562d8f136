package io.tessera.cli.slt;

import java.util.List;

/** The rendered rows of a query and the number of columns the server described. */
record QueryOutput(int columnCount, List<List<String>> rows) {
    QueryOutput {
        rows = rows.stream().map(List::copyOf).toList();
    }
}
