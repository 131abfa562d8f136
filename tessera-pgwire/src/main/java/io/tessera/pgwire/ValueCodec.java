package io.tessera.pgwire;

import io.tessera.common.error.SqlException;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TextFormat;
import io.tessera.common.types.TypeKind;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/** Values on the wire in either format: text through {@link TextFormat}, binary through {@link BinaryFormat}. */
final class ValueCodec {
    private ValueCodec() {}

    static final short TEXT = 0;
    static final short BINARY = 1;

    /** @return the encoded value, null for SQL NULL */
    static byte[] encode(Object value, SqlType type, short format, ZoneId zone) {
        if (value == null) {
            return null;
        }
        if (format == BINARY) {
            return BinaryFormat.encode(value, type);
        }
        return TextFormat.format(value, type, zone).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decodes bound parameter number {@code parameterNumber} (1-based, for the error message).
     * Bad text is the type's own SQLSTATE (22P02, 22007, ...); bad binary is 22P03.
     */
    static Object decodeParameter(byte[] bytes, SqlType type, short format, ZoneId zone, int parameterNumber) {
        if (bytes == null) {
            return null;
        }
        if (format == BINARY) {
            try {
                return BinaryFormat.decode(bytes, type);
            } catch (IllegalArgumentException | java.nio.BufferUnderflowException | ArithmeticException | java.time.DateTimeException e) {
                throw new SqlException(ProtocolErrors.INVALID_BINARY_REPRESENTATION,
                        "incorrect binary data format in bind parameter " + parameterNumber)
                        .withDetail(e.getMessage());
            } catch (SqlException e) {
                if (e.fatal()) {
                    // A malformed array inside a well-framed message is bad data, not a broken stream.
                    throw new SqlException(ProtocolErrors.INVALID_BINARY_REPRESENTATION,
                            "incorrect binary data format in bind parameter " + parameterNumber);
                }
                throw e;
            }
        }
        String text = PayloadReader.utf8(bytes);
        if (type.kind() == TypeKind.UNKNOWN) {
            return text;
        }
        return TextFormat.parse(text, type, zone);
    }

    /**
     * Converts a decoded parameter from the client's declared type to the type the engine
     * planned with (e.g. varchar to text, int4 to int8), through the text form as a cast does.
     */
    static Object convert(Object value, SqlType from, SqlType to, ZoneId zone) {
        if (value == null || from.kind() == to.kind() || (from.kind().isString() && to.kind().isString())) {
            return value;
        }
        String text = TextFormat.format(value, from, zone);
        return to.kind() == TypeKind.UNKNOWN ? text : TextFormat.parse(text, to, zone);
    }
}
