package io.tessera.sql.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * format_type agrees with {@link SqlType#displayName()} for every type a column can have, when given
 * the column's atttypmod: psql's \d prints the one, error messages and casts the other.
 */
class FormatTypeTest {
    private static List<SqlType> columnTypes() {
        List<SqlType> types = new ArrayList<>();
        for (TypeKind kind : TypeKind.values()) {
            if (kind != TypeKind.BPCHAR) {
                types.add(SqlType.of(kind));
            }
        }
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            int length = random.nextInt(10_485_760) + 1;
            types.add(SqlType.varchar(length));
            types.add(SqlType.bpchar(length));
            int precision = random.nextInt(1000) + 1;
            types.add(SqlType.numeric(precision, random.nextInt(precision + 1)));
        }
        types.add(SqlType.numeric(1000, 1000));
        types.add(SqlType.varchar(1));
        return types;
    }

    @Test
    void formatTypeWithTheColumnModifierPrintsTheDisplayName() {
        for (SqlType type : columnTypes()) {
            assertThat(FormatType.format(type.oid(), type.typmod(), null)).as("%s", type).isEqualTo(type.displayName());
        }
    }

    @Test
    void bpcharWithoutLengthIsSpelledSoItReadsBackTheSame() {
        SqlType unbounded = SqlType.of(TypeKind.BPCHAR);
        assertThat(FormatType.format(unbounded.oid(), unbounded.typmod(), null)).isEqualTo("bpchar");
        assertThat(FormatType.format(unbounded.oid(), null, null)).isEqualTo("character");
    }
}
