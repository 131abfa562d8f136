package io.tessera.sql.spi;

import io.tessera.common.types.SqlType;
import java.util.List;

/**
 * A scalar function callable from SQL, such as {@code pg_get_userbyid(oid)} or
 * {@code format_type(oid, int4)}. Names are lower-case and unqualified; a call qualified with
 * {@code pg_catalog.} resolves to the same function.
 */
public interface SqlFunction {
    String name();

    /** The result type for these argument types; throws SqlException 42883 when they do not fit. */
    SqlType resultType(List<SqlType> argumentTypes);

    /** Computes the result; arguments are already coerced to what {@link #resultType} accepted. */
    Object call(List<Object> arguments, SystemContext context);

    /** A strict function returns NULL without being called when any argument is NULL. */
    default boolean strict() { return true; }
}
