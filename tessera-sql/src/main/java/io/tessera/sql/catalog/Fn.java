package io.tessera.sql.catalog;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.sql.spi.SqlFunction;
import io.tessera.sql.spi.SystemContext;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A catalog function: a name, the argument counts it accepts, a fixed result type and a body.
 * Argument types are not checked beyond their count: catalog functions take OIDs, names and
 * flags that clients write as literals of any type ('16386', 16386, 'customers'), and
 * {@link Args} reads each in the forms PostgreSQL would coerce.
 */
record Fn(String name, int minArguments, int maxArguments, SqlType result, boolean strict, Body body)
        implements SqlFunction {

    /** The computation, given arguments and the calling session. */
    @FunctionalInterface
    interface Body {
        Object apply(List<Object> arguments, SystemContext context);
    }

    static Fn strict(String name, int arguments, SqlType result, Body body) {
        return new Fn(name, arguments, arguments, result, true, body);
    }

    static Fn strict(String name, int minArguments, int maxArguments, SqlType result, Body body) {
        return new Fn(name, minArguments, maxArguments, result, true, body);
    }

    static Fn lenient(String name, int minArguments, int maxArguments, SqlType result, Body body) {
        return new Fn(name, minArguments, maxArguments, result, false, body);
    }

    @Override
    public SqlType resultType(List<SqlType> argumentTypes) {
        if (argumentTypes.size() < minArguments || argumentTypes.size() > maxArguments) {
            String types = argumentTypes.stream().map(SqlType::displayName).collect(Collectors.joining(", "));
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + types + ") does not exist")
                    .withHint("No function matches the given name and argument types. "
                            + "You might need to add explicit type casts.");
        }
        return result;
    }

    @Override
    public Object call(List<Object> arguments, SystemContext context) {
        if (arguments.size() < minArguments || arguments.size() > maxArguments) {
            throw new IllegalArgumentException(name + " called with " + arguments.size() + " arguments");
        }
        return body.apply(arguments, context);
    }
}
