package io.tessera.cli.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionTest {
    private static final Condition SKIP_PG = new Condition(Condition.Kind.SKIPIF, "postgresql");
    private static final Condition SKIP_SQLITE = new Condition(Condition.Kind.SKIPIF, "sqlite");
    private static final Condition ONLY_PG = new Condition(Condition.Kind.ONLYIF, "postgresql");
    private static final Condition ONLY_MSSQL = new Condition(Condition.Kind.ONLYIF, "mssql");

    @Test
    void skipifNamingUsSkipsAndOnlyifNamingOthersSkips() {
        assertThat(SKIP_PG.allows("postgresql")).isFalse();
        assertThat(SKIP_SQLITE.allows("postgresql")).isTrue();
        assertThat(ONLY_PG.allows("postgresql")).isTrue();
        assertThat(ONLY_MSSQL.allows("postgresql")).isFalse();
    }

    @Test
    void everyConditionMustAllow() {
        assertThat(Condition.allAllow(List.of(), "postgresql")).isTrue();
        assertThat(Condition.allAllow(List.of(SKIP_SQLITE, ONLY_PG), "postgresql")).isTrue();
        assertThat(Condition.allAllow(List.of(SKIP_SQLITE, ONLY_MSSQL), "postgresql")).isFalse();
    }

    @Test
    void engineNamesCompareIgnoringCase() {
        assertThat(new Condition(Condition.Kind.SKIPIF, "PostgreSQL").allows("postgresql")).isFalse();
    }
}
