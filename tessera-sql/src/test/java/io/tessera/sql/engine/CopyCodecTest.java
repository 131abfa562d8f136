package io.tessera.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CopyCodecTest {
    private static final CopyCommand.CopyOptions CSV = CopyCommand.parse("COPY t FROM STDIN (FORMAT csv)").options();

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void textRecordsAreCutAtNewlinesAcrossChunksAndStopAtTheEndMarker() {
        CopyCodec codec = new CopyCodec(CopyCommand.CopyOptions.TEXT);
        assertThat(codec.feed(b("1\ta\n2\t"))).containsExactly("1\ta");
        assertThat(codec.feed(b("b\r\n\\.\n3\tignored\n"))).containsExactly("2\tb");
        assertThat(codec.endMarkerSeen()).isTrue();
        assertThat(codec.rest()).isNull();
    }

    @Test
    void textFieldsUnescapeAndKnowNull() {
        CopyCodec codec = new CopyCodec(CopyCommand.CopyOptions.TEXT);
        assertThat(codec.fields("a\\tb\t\\N\t\t\\\\N\t\\101\\x42\\q")).containsExactly("a\tb", null, "", "\\N", "ABq");
        assertThat(codec.fields("x\\\ty")).containsExactly("x\ty");
    }

    @Test
    void csvKeepsQuotedNewlinesInOneRecordAndTellsEmptyFromNull() {
        CopyCodec codec = new CopyCodec(CSV);
        List<String> records = codec.feed(b("1,\"two\nlines\",\"\"\n2,,\"a\"\"b\"\n"));
        assertThat(records).containsExactly("1,\"two\nlines\",\"\"", "2,,\"a\"\"b\"");
        assertThat(codec.fields(records.get(0))).containsExactly("1", "two\nlines", "");
        assertThat(codec.fields(records.get(1))).containsExactly("2", null, "a\"b");
        assertThatThrownBy(() -> codec.fields("1,\"open")).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("22P04"));
    }

    @Test
    void aLastLineWithoutNewlineIsARecord() {
        CopyCodec codec = new CopyCodec(CopyCommand.CopyOptions.TEXT);
        assertThat(codec.feed(b("1\n2"))).containsExactly("1");
        assertThat(codec.rest()).isEqualTo("2");
    }

    @Property
    void textLinesReadBackAsWritten(@ForAll @Size(max = 5) List<String> values) {
        roundTrip(new CopyCodec(CopyCommand.CopyOptions.TEXT), values);
    }

    @Property
    void csvLinesReadBackAsWritten(@ForAll @Size(max = 5) List<String> values) {
        roundTrip(new CopyCodec(CSV), values);
    }

    private static void roundTrip(CopyCodec codec, List<String> values) {
        List<String> fields = new ArrayList<>(values);
        fields.add(null);
        String line = codec.line(fields);
        List<String> records = codec.feed(b(line));
        if (fields.size() == 1 && records.isEmpty()) {
            return; // a lone NULL in CSV is an empty line; nothing to compare
        }
        assertThat(records).hasSize(1);
        assertThat(codec.fields(records.get(0))).isEqualTo(Arrays.asList(fields.toArray()));
    }

    @Test
    void optionSyntaxes() {
        CopyCommand c = CopyCommand.parse("copy pgbench_accounts from stdin with (freeze on)");
        assertThat(c.table()).isEqualTo("pgbench_accounts");
        assertThat(c.from()).isTrue();
        assertThat(c.options()).isEqualTo(CopyCommand.CopyOptions.TEXT);
        CopyCommand legacy = CopyCommand.parse("COPY t (a, b) FROM STDIN WITH CSV HEADER DELIMITER AS ';' NULL 'x'");
        assertThat(legacy.columns()).containsExactly("a", "b");
        assertThat(legacy.options().csv()).isTrue();
        assertThat(legacy.options().header()).isTrue();
        assertThat(legacy.options().delimiter()).isEqualTo(';');
        assertThat(legacy.options().nullString()).isEqualTo("x");
        CopyCommand query = CopyCommand.parse("COPY (SELECT ')' FROM t) TO STDOUT (FORMAT csv, DELIMITER E'\\t')");
        assertThat(query.query()).isEqualTo("SELECT ')' FROM t");
        assertThat(query.options().delimiter()).isEqualTo('\t');
        assertThatThrownBy(() -> CopyCommand.parse("COPY t FROM '/etc/passwd'")).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("0A000"));
        assertThatThrownBy(() -> CopyCommand.parse("COPY t FROM STDIN (FORMAT binary)")).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("0A000"));
    }

    @Test
    void alterTableActions() {
        AlterTableCommand a = AlterTableCommand.parse("alter table pgbench_accounts add primary key (aid)");
        assertThat(a.table()).isEqualTo("pgbench_accounts");
        assertThat(a.actions()).hasSize(1);
        AlterTableCommand b = AlterTableCommand.parse("ALTER TABLE t ADD COLUMN IF NOT EXISTS c numeric(10, 2) DEFAULT 0, DROP x");
        assertThat(b.actions()).hasSize(2);
        assertThatThrownBy(() -> AlterTableCommand.parse("ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (b)"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"));
    }
}
