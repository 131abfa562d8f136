package io.tessera.sql.spi;

import io.tessera.common.types.SqlType;

/** A column of a system (virtual) table. */
public record SystemColumn(String name, SqlType type) {}
