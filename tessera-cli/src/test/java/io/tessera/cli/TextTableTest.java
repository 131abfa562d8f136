package io.tessera.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void columnsAlignUnderAnUnderlinedHeader() {
        TextTable t = new TextTable(List.of("node_id", "state", "replicas"),
                List.of(List.of("n1", "live", "12"), List.of("node-two", "", "3")));
        assertThat(t.lines()).containsExactly(
                "node_id   state  replicas",
                "-------------------------",
                "n1        live   12",
                "node-two         3",
                "(2 rows)");
    }

    @Test
    void oneRowAndNoRowsAreCounted() {
        assertThat(new TextTable(List.of("a"), List.of(List.of("x"))).lines()).endsWith("(1 row)");
        assertThat(new TextTable(List.of("a"), List.of()).lines()).containsExactly("a", "-", "(0 rows)");
    }

    @Test
    void rowsMustFitTheHeader() {
        assertThatThrownBy(() -> new TextTable(List.of("a", "b"), List.of(List.of("x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
