package io.tessera.cluster.api;

import io.tessera.common.types.SqlType;

/**
 * One column of a table.
 *
 * @param id stable id used in the row encoding; never reused within a table
 * @param name lower-cased unless it was quoted
 * @param defaultExpression the DEFAULT as SQL text (e.g. {@code nextval('t_id_seq')}), or null
 * @param hidden true for the hidden row id of a table declared without a primary key
 */
public record ColumnDescriptor(int id, String name, SqlType type, boolean notNull, String defaultExpression,
        boolean hidden) {}
