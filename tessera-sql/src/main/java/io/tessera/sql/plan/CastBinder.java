package io.tessera.sql.plan;

import io.tessera.cluster.api.Catalog;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import io.tessera.sql.spi.Oids;
import io.tessera.sql.spi.SystemTable;
import java.util.Locale;
import java.util.function.BiFunction;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.statement.create.table.ColDataType;

/**
 * CAST and {@code ::}. The reg* types have no value class of their own: a cast from text to
 * regclass yields the OID (so it compares with oid columns), a cast from an OID to regclass yields
 * the relation's name (so it prints as PostgreSQL prints a regclass).
 */
final class CastBinder {
    private final Planner planner;

    CastBinder(Planner planner) {
        this.planner = planner;
    }

    Expr bindCast(Expr input, ColDataType dataType, CastExpression source) {
        String raw = dataType.getDataType().toLowerCase(Locale.ROOT).trim();
        String name = raw.startsWith("pg_catalog.") ? raw.substring("pg_catalog.".length()) : raw;
        boolean array = dataType.getArrayData() != null && !dataType.getArrayData().isEmpty();
        if (!array && name.startsWith("reg")) {
            return regCast(input, name);
        }
        SqlType target = Types.parse(name, dataType.getArgumentsStringList());
        if (array) {
            target = Types.arrayOf(target);
        }
        planner.inferParam(input, target);
        if (!Casts.castable(input.type(), target)) {
            throw new SqlException("42846", "cannot cast type " + input.type().kind().sqlName()
                    + " to " + target.displayName()).withPosition(planner.positionOf(source.toString()));
        }
        if (input instanceof Expr.Constant k && !Types.isDateTime(target.kind())) {
            try {
                return new Expr.Constant(Casts.cast(k.value(), k.type(), target, java.time.ZoneOffset.UTC, true), target);
            } catch (SqlException e) {
                throw k.value() instanceof String s && e.position() == 0 ? e.withPosition(planner.positionOf("'" + s + "'")) : e;
            }
        }
        return new Expr.Cast(input, target, true);
    }

    private Expr regCast(Expr input, String name) {
        boolean toOid = input.type().kind().isString();
        Functions.Fn provided = planner.functions().lookup((name.equals("regprocedure") ? "regproc" : name) + (toOid ? "in" : "out"));
        if (provided != null) {
            // The catalog provider's regclassin/regclassout (and friends) know every relation, type and function.
            ExprBinder b = planner.binder();
            Expr call = b.call((name.equals("regprocedure") ? "regproc" : name) + (toOid ? "in" : "out"),
                    java.util.List.of(b.coerce(input, toOid ? SqlType.TEXT : SqlType.OID)));
            // A reg* value prints as a name; without a regclass type the column is typed name.
            return toOid ? call : Expr.of(SqlType.NAME, call::eval);
        }
        if (name.equals("regproc") || name.equals("regprocedure")) {
            // Function names are compared as text (pg_type.typinput = 'array_in'::regproc); there are no function OIDs.
            return Expr.of(SqlType.TEXT, env -> {
                Object v = input.eval(env);
                return v == null ? null : v.toString().replaceFirst("^pg_catalog\\.", "");
            });
        }
        BiFunction<Object, ExecContext, Object> fn = switch (name) {
            case "regclass" -> this::regclass;
            case "regtype" -> (v, ctx) -> v instanceof String s ? (Object) (long) Types.parse(s, null).oid() : typeName((Number) v);
            case "regnamespace" -> (v, ctx) -> v instanceof String s ? (Object) namespaceOid(s) : namespaceName((Number) v);
            case "regrole", "regoper" -> (v, ctx) -> v;
            default -> throw new SqlException(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist");
        };
        SqlType type = toOid ? SqlType.OID : SqlType.NAME;
        if (input instanceof Expr.Constant k && toOid && k.value() != null) {
            return new Expr.Constant(fn.apply(k.value(), null), type);
        }
        return Expr.of(type, env -> {
            Object v = input.eval(env);
            return v == null ? null : fn.apply(v, env.ctx);
        });
    }

    /** Text names a relation (or is a number); a number becomes the relation's name. */
    private Object regclass(Object v, ExecContext ctx) {
        Catalog catalog = planner.catalog();
        if (v instanceof String s) {
            String t = s.trim();
            if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(t);
            }
            String n = Names.identifier(t.replaceFirst("^(pg_catalog|public|information_schema)\\.", ""));
            var table = catalog.table(n);
            if (table.isPresent()) {
                return (long) Oids.tableOid(table.get().id());
            }
            SystemTable st = planner.systemTables().find(null, n);
            if (st != null) {
                return (long) st.oid();
            }
            throw Errors.undefinedTable(t);
        }
        long oid = ((Number) v).longValue();
        for (TableDescriptor t : catalog.tables()) {
            if (Oids.tableOid(t.id()) == oid) {
                return t.name();
            }
        }
        SystemTable st = planner.systemTables().byOid(oid);
        return st != null ? st.name() : Long.toString(oid);
    }

    private static Object typeName(Number oid) {
        TypeKind k = TypeKind.fromOid(oid.intValue());
        return k == null ? oid.toString() : k.sqlName();
    }

    private static long namespaceOid(String name) {
        return switch (Names.identifier(name.trim())) {
            case "pg_catalog" -> Oids.PG_CATALOG_NAMESPACE;
            case "public" -> Oids.PUBLIC_NAMESPACE;
            case "information_schema" -> Oids.INFORMATION_SCHEMA_NAMESPACE;
            case "tessera" -> Oids.TESSERA_NAMESPACE;
            default -> throw new SqlException(SqlState.UNDEFINED_OBJECT, "schema \"" + name + "\" does not exist");
        };
    }

    private static Object namespaceName(Number oid) {
        return switch (oid.intValue()) {
            case Oids.PG_CATALOG_NAMESPACE -> "pg_catalog";
            case Oids.PUBLIC_NAMESPACE -> "public";
            case Oids.INFORMATION_SCHEMA_NAMESPACE -> "information_schema";
            case Oids.TESSERA_NAMESPACE -> "tessera";
            default -> oid.toString();
        };
    }
}
