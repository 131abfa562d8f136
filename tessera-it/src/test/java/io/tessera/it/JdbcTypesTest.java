package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parameters and results of every supported type through pgjdbc prepared statements, once with
 * unnamed statements in text format and once server-prepared with binary transfer.
 */
class JdbcTypesTest {
    static NodeProcess node;

    @BeforeAll
    static void setUp() throws Exception {
        node = SharedNode.get();
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS all_types (
                      id INT PRIMARY KEY, i2 SMALLINT, i8 BIGINT, f4 REAL, f8 DOUBLE PRECISION,
                      num NUMERIC(12,3), b BOOLEAN, t TEXT, vc VARCHAR(20), ch CHAR(4), by BYTEA,
                      d DATE, ts TIMESTAMP, tstz TIMESTAMPTZ, j JSONB)""");
        }
    }

    /** prepareThreshold 0: unnamed statements, text parameters; -1: server-prepared, binary. */
    @ParameterizedTest(name = "prepareThreshold={0}")
    @ValueSource(ints = {0, -1})
    void everyTypeRoundTrips(int prepareThreshold) throws Exception {
        Properties p = new Properties();
        p.setProperty("prepareThreshold", String.valueOf(prepareThreshold));
        int id = prepareThreshold == 0 ? 1 : 2;
        LocalDateTime ts = LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123456000);
        OffsetDateTime tstz = OffsetDateTime.of(2023, 12, 31, 23, 59, 58, 500000000, ZoneOffset.ofHours(2));
        try (Connection c = node.connect(p)) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO all_types VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
                ps.setInt(1, id);
                ps.setShort(2, (short) -32768);
                ps.setLong(3, Long.MAX_VALUE);
                ps.setFloat(4, 1.5f);
                ps.setDouble(5, -2.25e-10);
                ps.setBigDecimal(6, new BigDecimal("-123456789.125"));
                ps.setBoolean(7, true);
                ps.setString(8, "héllo 'world'");
                ps.setString(9, "varchar");
                ps.setString(10, "ab");
                ps.setBytes(11, new byte[] {0, 1, (byte) 0xFF});
                ps.setDate(12, Date.valueOf(LocalDate.of(1999, 12, 31)));
                ps.setTimestamp(13, Timestamp.valueOf(ts));
                ps.setObject(14, tstz);
                ps.setString(15, "{\"b\": [1, 2], \"a\": null}");
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM all_types WHERE id = ?")) {
                for (int round = 0; round < 3; round++) { // past pgjdbc's switch to a named statement
                    ps.setInt(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getShort("i2")).isEqualTo((short) -32768);
                        assertThat(rs.getLong("i8")).isEqualTo(Long.MAX_VALUE);
                        assertThat(rs.getFloat("f4")).isEqualTo(1.5f);
                        assertThat(rs.getDouble("f8")).isEqualTo(-2.25e-10);
                        assertThat(rs.getBigDecimal("num")).isEqualByComparingTo("-123456789.125");
                        assertThat(rs.getBoolean("b")).isTrue();
                        assertThat(rs.getString("t")).isEqualTo("héllo 'world'");
                        assertThat(rs.getString("vc")).isEqualTo("varchar");
                        assertThat(rs.getString("ch")).isEqualTo("ab  ");
                        assertThat(rs.getBytes("by")).containsExactly(0, 1, 0xFF);
                        assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(1999, 12, 31));
                        assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(ts);
                        assertThat(rs.getObject("tstz", OffsetDateTime.class).toInstant()).isEqualTo(tstz.toInstant());
                        assertThat(rs.getString("j")).isEqualTo("{\"a\": null, \"b\": [1, 2]}");
                        assertThat(rs.getMetaData().getColumnType(2)).isEqualTo(Types.SMALLINT);
                        assertThat(rs.getMetaData().getColumnTypeName(6)).isEqualTo("numeric");
                        assertThat(rs.next()).isFalse();
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "prepareThreshold={0}")
    @ValueSource(ints = {0, -1})
    void nullsOfEveryTypeRoundTrip(int prepareThreshold) throws Exception {
        Properties p = new Properties();
        p.setProperty("prepareThreshold", String.valueOf(prepareThreshold));
        int id = 10 + (prepareThreshold == 0 ? 0 : 1);
        try (Connection c = node.connect(p)) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO all_types (id, i2, num, d, tstz, by) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, id);
                ps.setNull(2, Types.SMALLINT);
                ps.setNull(3, Types.NUMERIC);
                ps.setNull(4, Types.DATE);
                ps.setNull(5, Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setNull(6, Types.BINARY);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT i2, num, d, tstz, by, t FROM all_types WHERE id = ?")) {
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    for (int col = 1; col <= 6; col++) {
                        assertThat(rs.getObject(col)).as("column " + col).isNull();
                    }
                }
            }
        }
    }
}
