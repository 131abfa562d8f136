package io.tessera.cluster.api;

/**
 * A CHECK constraint of a table.
 *
 * @param name as PostgreSQL names it: declared, or {@code <table>_<column>_check} /
 *     {@code <table>_check} chosen by the SQL layer
 * @param expression the boolean expression as SQL text over the table's column names, without the
 *     CHECK keyword and outer parentheses; a row is refused when it evaluates to false (null passes)
 */
public record CheckConstraint(String name, String expression) {}
