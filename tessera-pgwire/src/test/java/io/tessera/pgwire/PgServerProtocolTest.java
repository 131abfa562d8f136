package io.tessera.pgwire;

import static io.tessera.pgwire.RawClient.types;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.pgwire.RawClient.Msg;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The protocol over a real socket, message by message, against the scripted engine. */
class PgServerProtocolTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final short[] NONE = {};
    private final ServerFixture fx;

    PgServerProtocolTest() throws IOException {
        fx = new ServerFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void startupSendsAuthOkParameterStatusKeyDataAndReady() throws IOException {
        try (RawClient c = new RawClient(fx.port())) {
            c.startup("tessera", "tessera");
            List<Msg> msgs = c.readUntil('Z');
            assertThat(types(msgs)).isEqualTo("R" + "S".repeat(13) + "KZ");
            assertThat(msgs.get(0).body()).containsExactly(0, 0, 0, 0);
            assertThat(msgs.get(1).text()).startsWith("application_name\0");
            assertThat(msgs.get(13).text()).isEqualTo("TimeZone\0Etc/UTC\0");
            assertThat(msgs.get(15).text()).isEqualTo("I");
        }
    }

    @Test
    void sslRequestIsAnsweredNAndStartupContinues() throws IOException {
        try (RawClient c = new RawClient(fx.port())) {
            c.out.writeInt(8);
            c.out.writeInt(StartupHandshake.SSL_REQUEST_CODE);
            c.out.flush();
            assertThat(c.in.readByte()).isEqualTo((byte) 'N');
            c.startup("tessera", "tessera");
            assertThat(types(c.readUntil('Z'))).endsWith("KZ");
        }
    }

    @Test
    void unknownDatabaseIsFatal3D000() throws IOException {
        try (RawClient c = new RawClient(fx.port())) {
            c.startup("tessera", "other");
            Msg e = c.read();
            assertThat(e.field('S')).isEqualTo("FATAL");
            assertThat(e.field('C')).isEqualTo("3D000");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void newerMinorProtocolIsNegotiatedDown() throws IOException {
        try (RawClient c = new RawClient(fx.port())) {
            c.startupWithVersion((3 << 16) | 2, "user", "tessera", "database", "tessera", "_pq_.x", "1");
            List<Msg> msgs = c.readUntil('Z');
            assertThat(msgs.get(0).type()).isEqualTo('v');
            assertThat(HEX.formatHex(msgs.get(0).body())).isEqualTo("00000000" + "00000001" + HEX.formatHex("_pq_.x\0".getBytes()));
            assertThat(msgs.get(1).type()).isEqualTo('R');
        }
    }

    @Test
    void protocolTwoIsRefused() throws IOException {
        try (RawClient c = new RawClient(fx.port())) {
            c.startupWithVersion(2 << 16, "user", "tessera");
            Msg e = c.read();
            assertThat(e.field('C')).isEqualTo("0A000");
            assertThat(e.field('S')).isEqualTo("FATAL");
        }
    }

    @Test
    void simpleQueryWithSeveralStatements() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.query("select 1; select 2;");
            List<Msg> msgs = c.readUntil('Z');
            assertThat(types(msgs)).isEqualTo("TDCTDCZ");
            assertThat(msgs.get(1).body()).containsExactly(0, 1, 0, 0, 0, 1, '1');
            assertThat(msgs.get(2).text()).isEqualTo("SELECT 1\0");
            assertThat(msgs.get(4).body()).containsExactly(0, 1, 0, 0, 0, 1, '2');
        }
    }

    @Test
    void emptyQueryAnswersEmptyQueryResponse() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.query("");
            assertThat(types(c.readUntil('Z'))).isEqualTo("IZ");
            c.query("  ; ");
            assertThat(types(c.readUntil('Z'))).isEqualTo("IZ");
        }
    }

    @Test
    void errorInASimpleQuerySkipsTheRest() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.query("select 1; selec x; select 2");
            List<Msg> msgs = c.readUntil('Z');
            assertThat(types(msgs)).isEqualTo("TDCEZ");
            Msg e = msgs.get(3);
            assertThat(e.field('S')).isEqualTo("ERROR");
            assertThat(e.field('V')).isEqualTo("ERROR");
            assertThat(e.field('C')).isEqualTo("42601");
            assertThat(e.field('M')).isEqualTo("syntax error at or near \"selec\"");
            assertThat(e.field('P')).as("position in the whole query text").isEqualTo("11");
            c.query("select 2");
            assertThat(types(c.readUntil('Z'))).isEqualTo("TDCZ");
        }
    }

    @Test
    void setReportsParameterStatusAfterCommandComplete() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.query("SET application_name = 'PostgreSQL JDBC Driver'");
            List<Msg> msgs = c.readUntil('Z');
            assertThat(types(msgs)).isEqualTo("CSZ");
            assertThat(msgs.get(1).text()).isEqualTo("application_name\0PostgreSQL JDBC Driver\0");
        }
    }

    @Test
    void timeZoneChangeAppliesToTextOutput() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.query("select * from types");
            assertThat(column(c.readUntil('Z').get(1), 14)).isEqualTo("2026-11-29 06:55:42.943697+00");
            c.query("set timezone = 'Europe/Paris'; select * from types");
            List<Msg> msgs = c.readUntil('Z');
            assertThat(types(msgs)).isEqualTo("CSTDCZ");
            assertThat(column(msgs.get(3), 14)).isEqualTo("2026-11-29 07:55:42.943697+01");
        }
    }

    @Test
    void textOutputOfEveryType() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.query("select * from types");
            List<Msg> msgs = c.readUntil('Z');
            String[] expected = {"-2", "123456", "1234567890123", "1.5", "-2.25", "t", "text é", "varchar", "ab ",
                "pg_name", "4000000000", "12345.678", "2024-01-02", "2024-01-02 03:04:05.123456",
                "2026-11-29 06:55:42.943697+00", "\\x010203", "{\"a\": 1}", null};
            for (int i = 0; i < expected.length; i++) {
                assertThat(column(msgs.get(1), i)).as("column " + i).isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void rowDescriptionCarriesOidsTypmodsAndTableColumns() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.query("select * from types");
            ByteBuffer b = ByteBuffer.wrap(c.readUntil('Z').get(0).body());
            assertThat(b.getShort()).isEqualTo((short) 18);
            int[][] expected = { // type oid, typlen, typmod for each column
                {21, 2, -1}, {23, 4, -1}, {20, 8, -1}, {700, 4, -1}, {701, 8, -1}, {16, 1, -1}, {25, -1, -1},
                {1043, -1, 14}, {1042, -1, 7}, {19, 64, -1}, {26, 4, -1}, {1700, -1, (10 << 16 | 3) + 4},
                {1082, 4, -1}, {1114, 8, -1}, {1184, 8, -1}, {17, -1, -1}, {3802, -1, -1}, {25, -1, -1}};
            for (int i = 0; i < expected.length; i++) {
                skipCString(b);
                assertThat(b.getInt()).isEqualTo(ScriptedSqlEngine.TYPES_TABLE_OID);
                assertThat(b.getShort()).isEqualTo((short) (i + 1));
                assertThat(b.getInt()).as("oid of column " + i).isEqualTo(expected[i][0]);
                assertThat(b.getShort()).as("typlen of column " + i).isEqualTo((short) expected[i][1]);
                assertThat(b.getInt()).as("typmod of column " + i).isEqualTo(expected[i][2]);
                assertThat(b.getShort()).isZero();
            }
        }
    }

    @Test
    void extendedQueryWithDescribePortal() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.parse("", "select 1");
            c.bind("", "", NONE, new byte[0][], NONE);
            c.describe('P', "");
            c.execute("", 0);
            c.sync();
            List<Msg> msgs = c.readUntil('Z');
            assertThat(types(msgs)).isEqualTo("12TDCZ");
            assertThat(msgs.get(4).text()).isEqualTo("SELECT 1\0");
        }
    }

    @Test
    void describeStatementReturnsParameterDescriptionThenRowsOrNoData() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.parse("S_1", "SELECT $1::int8 AS l, $2::bool AS b, $3::timestamptz AS ts, $4::date AS d, $5::float8 AS f, $6::bytea AS y, $7::text AS t");
            c.describe('S', "S_1");
            c.parse("S_2", "create table t (a int)");
            c.describe('S', "S_2");
            c.sync();
            List<Msg> msgs = c.readUntil('Z');
            assertThat(types(msgs)).isEqualTo("1tT1tnZ");
            assertThat(HEX.formatHex(msgs.get(1).body())).isEqualTo("0007" + "00000014" + "00000010" + "000004a0"
                    + "0000043a" + "000002bd" + "00000011" + "00000019");
        }
    }

    @Test
    void binaryAndTextParametersAreDecodedByType() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.parse("", "SELECT $1::int8 AS l, $2::bool AS b, $3::timestamptz AS ts, $4::date AS d, $5::float8 AS f, $6::bytea AS y, $7::text AS t",
                    20, 16, 0, 0, 701, 17, 1043);
            c.bind("", "", new short[] {1, 0, 0, 0, 1, 1, 0}, new byte[][] {
                HEX.parseHex("0000011f71fb04cb"), "TRUE".getBytes(), "2024-01-02 03:04:05.123456+00".getBytes(),
                "2024-01-02 +00".getBytes(), HEX.parseHex("3ff8000000000000"), HEX.parseHex("010203"), "hello".getBytes()}, NONE);
            c.describe('P', "");
            c.execute("", 0);
            c.sync();
            List<Msg> msgs = c.readUntil('Z');
            assertThat(types(msgs)).isEqualTo("12TDCZ");
            String[] expected = {"1234567890123", "t", "2024-01-02 03:04:05.123456+00", "2024-01-02", "1.5", "\\x010203", "hello"};
            for (int i = 0; i < expected.length; i++) {
                assertThat(column(msgs.get(3), i)).isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void numericJsonbTimestampAndInt2ParametersInBinary() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.parse("", "select $1::numeric as n, $2::jsonb as j, $3::timestamp as ts, $4::int2 as s");
            c.bind("", "", new short[] {1}, new byte[][] {
                HEX.parseHex("000300010000000300010929" + "1a7c"), HEX.parseHex("01" + HEX.formatHex("{\"b\":2, \"a\":1}".getBytes())),
                HEX.parseHex("000304638ceffdd1"), HEX.parseHex("fffe")}, new short[] {1});
            c.execute("", 0);
            c.sync();
            List<Msg> msgs = c.readUntil('Z');
            assertThat(types(msgs)).isEqualTo("12DCZ");
            assertThat(HEX.formatHex(columnBytes(msgs.get(2), 0))).isEqualTo("000300010000000300010929" + "1a7c");
            assertThat(new String(columnBytes(msgs.get(2), 1), StandardCharsets.UTF_8)).isEqualTo("\u0001{\"a\": 1, \"b\": 2}");
            assertThat(HEX.formatHex(columnBytes(msgs.get(2), 2))).isEqualTo("000304638ceffdd1");
            assertThat(HEX.formatHex(columnBytes(msgs.get(2), 3))).isEqualTo("fffe");
        }
    }

    @Test
    void binaryResultFormatsForEveryTypeAndDescribeShowsThem() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.parse("", "select * from types");
            c.bind("", "", NONE, new byte[0][], new short[] {1});
            c.describe('P', "");
            c.execute("", 0);
            c.sync();
            List<Msg> msgs = c.readUntil('Z');
            assertThat(types(msgs)).isEqualTo("12TDCZ");
            ByteBuffer desc = ByteBuffer.wrap(msgs.get(2).body());
            desc.getShort();
            skipCString(desc);
            desc.position(desc.position() + 16);
            assertThat(desc.getShort()).as("format of column 0").isEqualTo((short) 1);
            String[] expected = {"fffe", "0001e240", "0000011f71fb04cb", "3fc00000", "c002000000000000", "01",
                HEX.formatHex("text é".getBytes(StandardCharsets.UTF_8)), HEX.formatHex("varchar".getBytes()), "616220",
                HEX.formatHex("pg_name".getBytes()), "ee6b2800", "000300010000000300010929" + "1a7c", "0000223f",
                "0002b0ec8517d580", "000304638ceffdd1", "010203", "01" + HEX.formatHex("{\"a\": 1}".getBytes()), null};
            for (int i = 0; i < expected.length; i++) {
                byte[] v = columnBytes(msgs.get(3), i);
                assertThat(v == null ? null : HEX.formatHex(v)).as("column " + i).isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void perColumnResultFormats() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.parse("S_1", "select * from types");
            short[] formats = new short[18];
            formats[1] = 1;
            formats[14] = 1;
            c.bind("", "S_1", NONE, new byte[0][], formats);
            c.execute("", 0);
            c.sync();
            Msg row = c.readUntil('Z').get(2);
            assertThat(HEX.formatHex(columnBytes(row, 1))).isEqualTo("0001e240");
            assertThat(column(row, 6)).isEqualTo("text é");
            assertThat(HEX.formatHex(columnBytes(row, 14))).isEqualTo("000304638ceffdd1");
        }
    }

    @Test
    void portalSuspendsAtTheRowLimitAndContinues() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.query("BEGIN");
            assertThat(c.readUntil('Z').getLast().text()).isEqualTo("T");
            c.parse("", "SELECT aid FROM accounts WHERE aid <= $1 ORDER BY aid");
            c.bind("C_1", "", NONE, new byte[][] {"7".getBytes()}, NONE);
            c.describe('P', "C_1");
            c.execute("C_1", 3);
            c.sync();
            List<Msg> first = c.readUntil('Z');
            assertThat(types(first)).isEqualTo("12TDDDsZ");
            assertThat(first.getLast().text()).isEqualTo("T");
            c.execute("C_1", 3);
            c.sync();
            List<Msg> second = c.readUntil('Z');
            assertThat(types(second)).isEqualTo("DDDsZ");
            assertThat(column(second.get(0), 0)).isEqualTo("4");
            c.execute("C_1", 3);
            c.sync();
            List<Msg> third = c.readUntil('Z');
            assertThat(types(third)).isEqualTo("DCZ");
            assertThat(column(third.get(0), 0)).isEqualTo("7");
            assertThat(third.get(1).text()).isEqualTo("SELECT 1\0");
            c.close('P', "C_1");
            c.parse("S_2", "COMMIT");
            c.bind("", "S_2", NONE, new byte[0][], NONE);
            c.execute("", 1);
            c.sync();
            List<Msg> commit = c.readUntil('Z');
            assertThat(types(commit)).isEqualTo("312CZ");
            assertThat(commit.getLast().text()).isEqualTo("I");
        }
    }

    @Test
    void portalsEndWithTheImplicitTransactionAtSync() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.parse("", "SELECT aid FROM accounts WHERE aid <= $1 ORDER BY aid");
            c.bind("C_1", "", NONE, new byte[][] {"7".getBytes()}, NONE);
            c.execute("C_1", 2);
            c.sync();
            assertThat(types(c.readUntil('Z'))).isEqualTo("12DDsZ");
            c.execute("C_1", 2);
            c.sync();
            List<Msg> msgs = c.readUntil('Z');
            assertThat(types(msgs)).isEqualTo("EZ");
            assertThat(msgs.get(0).field('C')).isEqualTo("34000");
            assertThat(fx.engine.cursors).hasSize(1).allSatisfy(cursor -> assertThat(cursor.closed).isTrue());
        }
    }

    @Test
    void disconnectClosesSuspendedCursors() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.query("BEGIN");
            c.parse("", "SELECT aid FROM accounts WHERE aid <= $1 ORDER BY aid");
            c.bind("C_1", "", NONE, new byte[][] {"7".getBytes()}, NONE);
            c.execute("C_1", 2);
            c.sync();
            c.readUntil('Z');
            assertThat(types(c.readUntil('Z'))).isEqualTo("12DDsZ");
            assertThat(fx.engine.cursors.getLast().closed).isFalse();
        }
        ServerFixture.await("cursor closed", () -> fx.engine.cursors.getLast().closed);
    }

    @Test
    void describeAndCloseWithAnUnknownKindAreErrors() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.describe('X', "");
            c.sync();
            List<Msg> msgs = c.readUntil('Z');
            assertThat(msgs.get(0).field('C')).isEqualTo("08P01");
            assertThat(msgs.get(0).field('M')).isEqualTo("invalid DESCRIBE message subtype 88");
            c.close('Y', "");
            c.sync();
            assertThat(c.readUntil('Z').get(0).field('M')).isEqualTo("invalid CLOSE message subtype 89");
        }
    }

    @Test
    void copyMessagesOutsideCopyAreIgnoredAndFunctionCallIsRefused() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.send('d', "1\t2\n".getBytes());
            c.send('c', new byte[0]);
            c.send('F', new RawClient.Body().int32(1234).int16(0).int16(0).int16(0).bytes());
            List<Msg> msgs = c.readUntil('Z');
            assertThat(types(msgs)).isEqualTo("EZ");
            assertThat(msgs.get(0).field('C')).isEqualTo("0A000");
            c.query("select 1");
            assertThat(types(c.readUntil('Z'))).isEqualTo("TDCZ");
        }
    }

    @Test
    void errorInExtendedModeSkipsUntilSync() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.parse("", "SELEC 1");
            c.bind("", "", NONE, new byte[0][], NONE);
            c.describe('P', "");
            c.execute("", 0);
            c.query("select 1");
            c.sync();
            List<Msg> msgs = c.readUntil('Z');
            assertThat(types(msgs)).isEqualTo("EZ");
            assertThat(msgs.get(0).field('C')).isEqualTo("42601");
            c.parse("", "select 2");
            c.bind("", "", NONE, new byte[0][], NONE);
            c.execute("", 0);
            c.sync();
            assertThat(types(c.readUntil('Z'))).isEqualTo("12DCZ");
        }
    }

    @Test
    void errorsInsideATransactionBlockGiveStatusE() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.query("BEGIN");
            c.parse("", "select 1/0");
            c.bind("", "", NONE, new byte[0][], NONE);
            c.execute("", 0);
            c.sync();
            assertThat(c.readUntil('Z').getLast().text()).isEqualTo("T");
            List<Msg> msgs = c.readUntil('Z');
            assertThat(types(msgs)).isEqualTo("12EZ");
            assertThat(msgs.get(2).field('C')).isEqualTo("22012");
            assertThat(msgs.getLast().text()).isEqualTo("E");
            c.query("select 1");
            List<Msg> aborted = c.readUntil('Z');
            assertThat(aborted.get(0).field('C')).isEqualTo("25P02");
            c.query("ROLLBACK");
            assertThat(c.readUntil('Z').getLast().text()).isEqualTo("I");
        }
    }

    @Test
    void bindProtocolErrorsAreErrorsNotFatal() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.parse("S_1", "SELECT aid FROM accounts WHERE aid <= $1 ORDER BY aid");
            c.sync();
            c.readUntil('Z');
            c.bind("", "S_1", NONE, new byte[0][], NONE);
            c.sync();
            Msg e = c.readUntil('Z').get(0);
            assertThat(e.field('C')).isEqualTo("08P01");
            assertThat(e.field('S')).isEqualTo("ERROR");
            assertThat(e.field('M')).isEqualTo("bind message supplies 0 parameters, but prepared statement \"S_1\" requires 1");
            c.bind("", "S_1", new short[] {0, 1}, new byte[][] {"1".getBytes()}, NONE);
            c.sync();
            assertThat(c.readUntil('Z').get(0).field('M')).isEqualTo("bind message has 2 parameter formats but 1 parameters");
            c.bind("", "S_1", new short[] {2}, new byte[][] {"1".getBytes()}, NONE);
            c.sync();
            assertThat(c.readUntil('Z').get(0).field('M')).isEqualTo("unsupported format code: 2");
            c.bind("", "S_1", NONE, new byte[][] {"x".getBytes()}, NONE);
            c.sync();
            assertThat(c.readUntil('Z').get(0).field('C')).isEqualTo("22P02");
            c.bind("", "S_1", new short[] {1}, new byte[][] {"x".getBytes()}, NONE);
            c.sync();
            assertThat(c.readUntil('Z').get(0).field('C')).isEqualTo("22P03");
            c.bind("", "S_1", NONE, new byte[][] {"2".getBytes()}, new short[] {0, 0});
            c.sync();
            assertThat(c.readUntil('Z').get(0).field('M')).isEqualTo("bind message has 2 result formats but query has 1 columns");
            c.bind("", "S_1", NONE, new byte[][] {"2".getBytes()}, NONE);
            c.execute("", 0);
            c.sync();
            assertThat(types(c.readUntil('Z'))).isEqualTo("2DDCZ");
        }
    }

    @Test
    void statementAndPortalNamesFollowPostgresqlRules() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.parse("S_1", "select 1");
            c.parse("S_1", "select 2");
            c.sync();
            List<Msg> dup = c.readUntil('Z');
            assertThat(types(dup)).isEqualTo("1EZ");
            assertThat(dup.get(1).field('C')).isEqualTo("42P05");
            // The unnamed statement is silently replaced.
            c.parse("", "select 1");
            c.parse("", "select 2");
            c.bind("", "", NONE, new byte[0][], NONE);
            c.execute("", 0);
            c.sync();
            List<Msg> replaced = c.readUntil('Z');
            assertThat(column(replaced.get(3), 0)).isEqualTo("2");
            c.close('S', "S_1");
            c.close('S', "never_existed");
            c.bind("", "S_1", NONE, new byte[0][], NONE);
            c.sync();
            List<Msg> closed = c.readUntil('Z');
            assertThat(types(closed)).isEqualTo("33EZ");
            assertThat(closed.get(2).field('C')).isEqualTo("26000");
            c.execute("nosuch", 0);
            c.sync();
            assertThat(c.readUntil('Z').get(0).field('C')).isEqualTo("34000");
        }
    }

    @Test
    void flushSendsPendingAnswersWithoutSync() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.parse("S_1", "select 1");
            c.flush();
            assertThat(c.read().type()).isEqualTo('1');
            c.sync();
            assertThat(types(c.readUntil('Z'))).isEqualTo("Z");
        }
    }

    @Test
    void emptyStatementInExtendedModeAnswersEmptyQueryResponse() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.parse("", "");
            c.bind("", "", NONE, new byte[0][], NONE);
            c.describe('P', "");
            c.execute("", 0);
            c.sync();
            assertThat(types(c.readUntil('Z'))).isEqualTo("12nIZ");
        }
    }

    @Test
    void parseRefusesSeveralStatements() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.parse("", "select 1; select 2");
            c.sync();
            List<Msg> msgs = c.readUntil('Z');
            assertThat(msgs.get(0).field('C')).isEqualTo("42601");
            assertThat(msgs.get(0).field('M')).isEqualTo("cannot insert multiple commands into a prepared statement");
        }
    }

    @Test
    void unexpectedRuntimeExceptionBecomesXX000AndTheConnectionGoesOn() throws IOException {
        try (RawClient c = RawClient.connected(fx.port())) {
            c.query("select boom()");
            List<Msg> msgs = c.readUntil('Z');
            assertThat(msgs.get(0).field('C')).isEqualTo("XX000");
            assertThat(msgs.get(0).field('S')).isEqualTo("ERROR");
            c.query("select 1");
            assertThat(types(c.readUntil('Z'))).isEqualTo("TDCZ");
        }
        assertThat(fx.counters.errors()).isEqualTo(1);
    }

    @Test
    void anErrorClosesOnlyThatConnection() throws IOException {
        try (RawClient other = RawClient.connected(fx.port()); RawClient c = RawClient.connected(fx.port())) {
            c.query("select oom()");
            Msg fatal = c.read();
            assertThat(fatal.field('S')).isEqualTo("FATAL");
            assertThat(fatal.field('C')).isEqualTo("XX000");
            assertThat(c.closedByServer()).isTrue();
            other.query("select 1");
            assertThat(types(other.readUntil('Z'))).isEqualTo("TDCZ");
        }
    }

    private static String column(Msg dataRow, int index) {
        byte[] v = columnBytes(dataRow, index);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    private static byte[] columnBytes(Msg dataRow, int index) {
        ByteBuffer b = ByteBuffer.wrap(dataRow.body());
        int n = b.getShort();
        for (int i = 0; i < n; i++) {
            int len = b.getInt();
            if (i == index) {
                if (len < 0) {
                    return null;
                }
                byte[] v = new byte[len];
                b.get(v);
                return v;
            }
            if (len > 0) {
                b.position(b.position() + len);
            }
        }
        throw new AssertionError("no column " + index);
    }

    private static void skipCString(ByteBuffer b) {
        while (b.get() != 0) {
            // skip the name
        }
    }
}
