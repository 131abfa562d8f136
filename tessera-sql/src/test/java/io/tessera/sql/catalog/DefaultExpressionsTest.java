package io.tessera.sql.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.types.SqlType;
import org.junit.jupiter.api.Test;

/** DEFAULT texts as PostgreSQL's pg_get_expr prints them. */
class DefaultExpressionsTest {
    @Test
    void serialDefaultsNameTheirSequenceAsRegclass() {
        assertThat(DefaultExpressions.display("nextval('customers_id_seq')", SqlType.INT4))
                .isEqualTo("nextval('customers_id_seq'::regclass)");
        assertThat(DefaultExpressions.display("NEXTVAL('s'::regclass)", SqlType.INT8))
                .isEqualTo("nextval('s'::regclass)");
        assertThat(DefaultExpressions.sequenceName("nextval('public.orders_id_seq'::regclass)"))
                .contains("orders_id_seq");
    }

    @Test
    void constantsPrintAsPostgresDeparsesThem() {
        assertThat(DefaultExpressions.display("0", SqlType.INT8)).isEqualTo("0");
        assertThat(DefaultExpressions.display("-1", SqlType.INT4)).isEqualTo("'-1'::integer");
        assertThat(DefaultExpressions.display("1.50", SqlType.NUMERIC)).isEqualTo("1.50");
        assertThat(DefaultExpressions.display("-2.5", SqlType.NUMERIC)).isEqualTo("'-2.5'::numeric");
        assertThat(DefaultExpressions.display("TRUE", SqlType.BOOL)).isEqualTo("true");
        assertThat(DefaultExpressions.display("'x'", SqlType.varchar(20))).isEqualTo("'x'::character varying");
        assertThat(DefaultExpressions.display("'it''s'", SqlType.TEXT)).isEqualTo("'it''s'::text");
        assertThat(DefaultExpressions.display("'a'", SqlType.bpchar(3))).isEqualTo("'a'::bpchar");
        assertThat(DefaultExpressions.display("current_timestamp", SqlType.TIMESTAMPTZ)).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(DefaultExpressions.display("now()", SqlType.TIMESTAMPTZ)).isEqualTo("now()");
        assertThat(DefaultExpressions.display("now ()", SqlType.TIMESTAMPTZ)).isEqualTo("now()");
        assertThat(DefaultExpressions.display("upper ('a b' || \"My Col\" ())", SqlType.TEXT))
                .isEqualTo("upper('a b' || \"My Col\"())");
        assertThat(DefaultExpressions.display("1 + (2)", SqlType.INT4)).isEqualTo("1 + (2)");
        assertThat(DefaultExpressions.display("coalesce (a, b) AND (c OR d) IN (1)", SqlType.BOOL))
                .isEqualTo("coalesce(a, b) AND (c OR d) IN (1)");
        assertThat(DefaultExpressions.display("5000000000", SqlType.INT8)).isEqualTo("'5000000000'::bigint");
    }
}
