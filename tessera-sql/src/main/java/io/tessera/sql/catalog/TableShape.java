package io.tessera.sql.catalog;

import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import io.tessera.sql.spi.SystemColumn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of one system table, and a row writer that fills them by name. Rows of catalogs
 * such as pg_class have thirty columns; filling them by position invites silent shifts, so every
 * value goes in under its column name and is checked against the Java class its kind carries.
 * Columns left unset are SQL NULL.
 */
final class TableShape {
    private final List<SystemColumn> columns;
    private final Map<String, Integer> indexByName;

    private TableShape(List<SystemColumn> columns) {
        this.columns = List.copyOf(columns);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (index.put(columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate column " + columns.get(i).name());
            }
        }
        this.indexByName = Map.copyOf(index);
    }

    /** Builds a shape from alternating names and kinds: {@code of("oid", OID, "relname", NAME)}. */
    static TableShape of(Object... namesAndKinds) {
        if (namesAndKinds.length % 2 != 0) {
            throw new IllegalArgumentException("names and kinds must come in pairs");
        }
        List<SystemColumn> columns = new ArrayList<>();
        for (int i = 0; i < namesAndKinds.length; i += 2) {
            String name = (String) namesAndKinds[i];
            Object kind = namesAndKinds[i + 1];
            SqlType type = kind instanceof SqlType t ? t : SqlType.of((TypeKind) kind);
            columns.add(new SystemColumn(name, type));
        }
        return new TableShape(columns);
    }

    List<SystemColumn> columns() { return columns; }

    Row row() { return new Row(); }

    /** One row being filled; {@link #build()} hands out the values in column order. */
    final class Row {
        private final Object[] values = new Object[columns.size()];

        Row set(String column, Object value) {
            Integer index = indexByName.get(column);
            if (index == null) {
                throw new IllegalStateException("no column " + column);
            }
            checkClass(columns.get(index), value);
            values[index] = value;
            return this;
        }

        Object[] build() { return values.clone(); }
    }

    private static void checkClass(SystemColumn column, Object value) {
        if (value == null) {
            return;
        }
        Class<?> expected = javaClass(column.type().kind());
        if (!expected.isInstance(value)) {
            throw new IllegalStateException("column " + column.name() + " of kind " + column.type().kind()
                    + " needs a " + expected.getSimpleName() + ", got " + value.getClass().getSimpleName());
        }
    }

    /** The Java class that carries values of a kind inside Tessera (see {@link TypeKind}). */
    static Class<?> javaClass(TypeKind kind) {
        return switch (kind) {
            case BOOL -> Boolean.class;
            case INT2 -> Short.class;
            case INT4 -> Integer.class;
            case INT8, OID -> Long.class;
            case FLOAT4 -> Float.class;
            case FLOAT8 -> Double.class;
            case NUMERIC -> java.math.BigDecimal.class;
            case TEXT, VARCHAR, BPCHAR, NAME, CHAR, UNKNOWN -> String.class;
            case BYTEA -> byte[].class;
            case DATE -> java.time.LocalDate.class;
            case TIMESTAMP -> java.time.LocalDateTime.class;
            case TIMESTAMPTZ -> Instant.class;
            case JSONB -> io.tessera.common.types.Jsonb.class;
            case TEXT_ARRAY, INT2_ARRAY, INT4_ARRAY, OID_ARRAY -> List.class;
        };
    }
}
