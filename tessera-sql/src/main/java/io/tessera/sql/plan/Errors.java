package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;

/** Constructors of the errors the planner and executor raise, with PostgreSQL's wording. */
public final class Errors {
    private Errors() {}

    public static SqlException undefinedTable(String name) {
        return new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
    }

    public static SqlException undefinedColumn(String name) {
        return new SqlException(SqlState.UNDEFINED_COLUMN, "column " + name + " does not exist");
    }

    public static SqlException unsupported(String feature) {
        return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, feature + " is not supported");
    }

    public static SqlException outOfRange(String typeName) {
        return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, typeName + " out of range");
    }

    public static SqlException divisionByZero() {
        return new SqlException(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    public static SqlException noOperator(String op, SqlType left, SqlType right) {
        return new SqlException(SqlState.UNDEFINED_OPERATOR, "operator does not exist: "
                + left.kind().sqlName() + " " + op + " " + right.kind().sqlName())
                .withHint("No operator matches the given name and argument types. You might need to add explicit type casts.");
    }

    public static SqlException mismatch(String message) {
        return new SqlException(SqlState.DATATYPE_MISMATCH, message);
    }

    public static SqlException syntax(String message) {
        return new SqlException(SqlState.SYNTAX_ERROR, message);
    }
}
