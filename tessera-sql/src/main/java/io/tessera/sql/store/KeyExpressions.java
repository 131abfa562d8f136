package io.tessera.sql.store;

import io.tessera.cluster.api.IndexExpression;
import io.tessera.cluster.api.TableDescriptor;

/**
 * Computes the value of an index's expression key part from a row of its table. The SQL layer
 * binds and evaluates the expression ({@code io.tessera.sql.plan.IndexExpressions}); the store only
 * calls it wherever it needs an entry's values: on every row change, on backfill and to re-check a
 * lookup's rows.
 */
@FunctionalInterface
public interface KeyExpressions {
    /**
     * The value of {@code expression} for {@code row} (a full row of {@code table}, in column
     * order), in the Java class of {@code expression.type()}; null for SQL NULL. An error of the
     * expression (a division by zero) is the statement's error, as in PostgreSQL.
     */
    Object evaluate(TableDescriptor table, IndexExpression expression, Object[] row);

    /** For stores and layouts that never meet an expression index (tests, EXPLAIN's fragment counts). */
    KeyExpressions NONE = (table, expression, row) -> {
        throw new IllegalStateException("no evaluator for index expression " + expression.sql() + " of table "
                + table.name());
    };
}
