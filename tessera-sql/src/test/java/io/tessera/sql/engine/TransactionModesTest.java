package io.tessera.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import org.junit.jupiter.api.Test;

class TransactionModesTest {

    private static TransactionModes begin(String sql) {
        return ((Utility.Begin) Utility.parse(sql)).modes();
    }

    @Test
    void beginCarriesTheModesGivenInAnyOrder() {
        assertThat(begin("BEGIN")).isEqualTo(TransactionModes.NONE);
        assertThat(begin("BEGIN WORK")).isEqualTo(TransactionModes.NONE);
        assertThat(begin("START TRANSACTION")).isEqualTo(TransactionModes.NONE);
        assertThat(begin("BEGIN ISOLATION LEVEL SERIALIZABLE"))
                .isEqualTo(new TransactionModes("serializable", null, null));
        assertThat(begin("begin transaction isolation level repeatable read, read only"))
                .isEqualTo(new TransactionModes("repeatable read", true, null));
        assertThat(begin("START TRANSACTION READ WRITE, ISOLATION LEVEL READ COMMITTED NOT DEFERRABLE"))
                .isEqualTo(new TransactionModes("read committed", false, false));
        assertThat(begin("BEGIN ISOLATION LEVEL READ UNCOMMITTED DEFERRABLE;"))
                .isEqualTo(new TransactionModes("read uncommitted", null, true));
    }

    @Test
    void aWrongModeIsASyntaxError() {
        assertThatThrownBy(() -> Utility.parse("BEGIN ISOLATION LEVEL CHAOS"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("42601"))
                .hasMessageContaining("\"CHAOS\"");
        assertThatThrownBy(() -> Utility.parse("BEGIN ISOLATION"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("42601"));
    }

    @Test
    void setTransactionIsATransactionScopedSetting() {
        assertThat(Utility.parse("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"))
                .isEqualTo(new Utility.Set("transaction_isolation", "serializable", true));
        assertThat(Utility.parse("SET transaction_isolation = 'repeatable read'"))
                .isEqualTo(new Utility.Set("transaction_isolation", "repeatable read", true));
        assertThat(Utility.parse("SET TRANSACTION READ ONLY"))
                .isEqualTo(new Utility.Set("transaction_read_only", "on", true));
        assertThat(Utility.parse("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY"))
                .isEqualTo(new Utility.Set(Settings.TRANSACTION_MODES, "isolation level serializable, read only", true));
        assertThat(Utility.parse("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
                .isEqualTo(new Utility.Set("default_transaction_isolation", "repeatable read", false));
    }

    @Test
    void beginsModesLastUntilTheTransactionEnds() {
        Settings settings = new Settings("tessera");
        assertThat(settings.isolation()).isEqualTo(TransactionModes.Isolation.READ_COMMITTED);
        settings.beginTransaction(new TransactionModes("serializable", true, null));
        assertThat(settings.get("transaction_isolation")).isEqualTo("serializable");
        assertThat(settings.isolation()).isEqualTo(TransactionModes.Isolation.SERIALIZABLE);
        assertThat(settings.readOnly()).isTrue();
        settings.endTransaction();
        assertThat(settings.get("transaction_isolation")).isEqualTo("read committed");
        assertThat(settings.readOnly()).isFalse();

        settings.set("default_transaction_isolation", "Repeatable  Read", false);
        settings.beginTransaction(TransactionModes.NONE);
        assertThat(settings.isolation()).isEqualTo(TransactionModes.Isolation.REPEATABLE_READ);
        settings.endTransaction();
        settings.beginTransaction(new TransactionModes("read uncommitted", null, null));
        assertThat(settings.get("transaction_isolation")).isEqualTo("read uncommitted");
        assertThat(settings.isolation()).isEqualTo(TransactionModes.Isolation.READ_COMMITTED);
        settings.endTransaction();
        assertThat(settings.get("transaction_isolation")).isEqualTo("repeatable read");
    }

    @Test
    void anUnknownLevelIs22023WithTheListOfLevels() {
        Settings settings = new Settings("tessera");
        assertThatThrownBy(() -> settings.set("transaction_isolation", "snapshot", true))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("22023");
                    assertThat(e.hint()).isEqualTo("Available values: serializable, repeatable read, read committed, read uncommitted.");
                })
                .hasMessage("invalid value for parameter \"transaction_isolation\": \"snapshot\"");
    }
}
